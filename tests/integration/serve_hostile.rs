//! `careerbook serve` against clients that misbehave: traversal in every
//! encoding, oversized and slow requests, crowds, and clients that hang up
//! mid-response. The server must answer each with a clean status, keep
//! serving everyone else, and give back every connection it was handed.
//! Every wait is bounded; the child process is killed when a test ends
//! (see `common::server`).

use crate::common::server::*;
use crate::common::*;
use std::io::{Read, Write};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

const SENTINEL: &str = "SENTINEL-OUTSIDE-THE-SITE";

/// The basic fixture under a sub-path, with a file beside the guides that
/// no URL may reach, and one guide large enough that its page cannot fit
/// in the socket buffers.
fn site() -> tempfile::TempDir {
    let site = fixture("basic");
    let root = site.path();
    set_base_url(root, "https://u.github.io/repo/");
    std::fs::write(root.join("secret.txt"), SENTINEL).expect("write");
    std::fs::write(root.join("guides/secret.txt"), SENTINEL).expect("write");
    let guide = root.join("guides/engineering-manager.md");
    let mut text = read(&guide);
    for i in 0..8000 {
        text.push_str(&format!(
            "Paragraph {i}: a long guide keeps the response in flight.\n\n"
        ));
    }
    text.push_str("The end of the long guide.\n");
    std::fs::write(&guide, text).expect("write guide");
    site
}

const LONG_PAGE: &str = "guides/engineering-manager/";

#[test]
fn traversal_in_any_encoding_never_leaves_the_site() {
    let site = site();
    let server = serve(site.path());
    let host = server.host.clone();
    for path in [
        "/repo/%252e%252e/secret.txt",
        "/repo/%252e%252e%252fsecret.txt",
        "/repo/guides/%2E%2E/secret.txt",
        "/repo/%2e%2e%2f%2e%2e%2fCargo.toml",
        "/repo/.%2e/secret.txt",
        "/repo/%2e./secret.txt",
        "/repo/guides/..%5csecret.txt",
        "/repo/guides/%5c..%5c..%5csecret.txt",
        "/repo/%c0%ae%c0%ae/secret.txt",
        "/repo/..;/secret.txt",
        "/repo/guides/secret.txt%00.html",
        "/repo/%00/../secret.txt",
        "/repo//secret.txt",
        "/repo/%2fsecret.txt",
        "/repo/%2F%2Fetc%2Fpasswd",
        "//etc/passwd",
        "/repo/secret.txt",
        "/repo/guides/secret.txt",
        "/secret.txt",
        "/repo/site.yaml",
        "/repo/guides/engineering-manager.md",
        "/repo/./guides/./secret.txt",
        &format!("http://{host}/repo/../secret.txt"),
        &format!("http://{host}/../../etc/passwd"),
    ] {
        let resp = server.raw_get(path);
        let code = status(&resp);
        assert!(code == 400 || code == 404, "{path}: {code}");
        assert!(!resp.contains(SENTINEL), "{path} leaked a file");
        assert!(!resp.contains("[package]"), "{path} leaked Cargo.toml");
        assert!(!resp.contains("root:x:0:0"), "{path} leaked /etc/passwd");
        assert!(!resp.contains("title: Engineering"), "{path} leaked source");
    }
    // Still serving the real page.
    let resp = server.raw_get(&format!("{}{LONG_PAGE}", server.base()));
    assert_eq!(status(&resp), 200);
    assert!(body(&resp).contains("The end of the long guide."));
}

#[test]
fn oversized_requests_get_a_clean_4xx_and_the_server_carries_on() {
    let site = site();
    let server = serve(site.path());
    let host = server.host.clone();

    // A 100 KB path: too long for any URI the server takes.
    let long = format!("/repo/{}", "a".repeat(100 * 1024));
    assert_eq!(status(&server.raw_get(&long)), 414);

    // A long but acceptable path is an ordinary miss.
    let long = format!("/repo/{}", "a".repeat(20 * 1024));
    assert_eq!(status(&server.raw_get(&long)), 404);

    // One huge header, and very many small ones.
    let huge = format!(
        "GET /repo/ HTTP/1.1\r\nHost: {host}\r\nX-Big: {}",
        "b".repeat(1 << 20)
    );
    assert_eq!(status(&server.send(huge.as_bytes())), 431);
    let mut many = format!("GET /repo/ HTTP/1.1\r\nHost: {host}");
    for i in 0..1000 {
        many.push_str(&format!("\r\nX-H{i}: v"));
    }
    assert_eq!(status(&server.send(many.as_bytes())), 431);

    // Not HTTP at all, and a bare line feed mess.
    assert_eq!(status(&server.send(b"\x00\x01\x02 garbage")), 400);
    assert_eq!(status(&server.send(b"GET /repo/ HTTP/9.9\nHost")), 400);

    // Everyone else is still served.
    let resp = server.raw_get("/repo/");
    assert_eq!(status(&resp), 200);
    assert!(body(&resp).contains("Fixture Careers"));
}

#[test]
fn a_client_that_never_finishes_its_headers_is_cut_off() {
    let site = site();
    let server = serve(site.path());
    // The runtime starts after the URL is printed: count once it answers.
    assert_eq!(status(&server.raw_get("/repo/")), 200);
    let before = server.fds();

    let mut slow = Vec::new();
    for _ in 0..20 {
        let mut s = server.connect();
        s.write_all(b"GET /repo/ HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            .expect("send");
        slow.push(s);
    }
    // And one that connects and says nothing.
    slow.push(server.connect());
    let deadline = Instant::now() + WAIT;
    while server.fds() < before + 18 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(server.fds() >= before + 18, "connections accepted");

    // Each is answered or closed by the server, well within the wait.
    for mut s in slow {
        let mut out = Vec::new();
        let read = s.read_to_end(&mut out);
        assert!(
            read.is_ok(),
            "the server kept a silent connection open: {read:?}"
        );
        let text = String::from_utf8_lossy(&out);
        assert!(
            text.is_empty() || text.starts_with("HTTP/1.1 408"),
            "{text}"
        );
    }
    let after = server.fds_settle(before);
    assert!(
        after <= before,
        "descriptors: {before} before, {after} after"
    );
    assert_eq!(status(&server.raw_get("/repo/")), 200);
}

#[test]
fn two_hundred_clients_at_once_all_get_the_right_page() {
    let site = site();
    let server = serve(site.path());
    let base = server.base();

    // Live-reload subscribers stay connected throughout.
    let mut subscribers = Vec::new();
    for _ in 0..10 {
        let mut s = server.connect();
        write!(
            s,
            "GET /__careerbook/livereload HTTP/1.1\r\nHost: {}\r\n\r\n",
            server.host
        )
        .expect("subscribe");
        subscribers.push(s);
    }

    let expected = body(&server.raw_get(&format!("{base}{LONG_PAGE}"))).to_string();
    assert!(expected.contains("The end of the long guide."));
    let index = body(&server.raw_get(&base)).to_string();
    assert!(index.contains("Fixture Careers"));

    let n = 200;
    let gate = Arc::new(Barrier::new(n));
    let workers: Vec<_> = (0..n)
        .map(|i| {
            let host = server.host.clone();
            let gate = Arc::clone(&gate);
            let path = if i % 2 == 0 {
                format!("{base}{LONG_PAGE}")
            } else {
                base.clone()
            };
            std::thread::spawn(move || {
                // All connected before any asks.
                let mut s = connect(&host);
                gate.wait();
                write!(
                    s,
                    "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
                )
                .expect("send");
                let mut out = Vec::new();
                s.read_to_end(&mut out).expect("read");
                String::from_utf8(out).expect("utf-8")
            })
        })
        .collect();
    for (i, w) in workers.into_iter().enumerate() {
        let resp = w.join().expect("worker");
        assert_eq!(status(&resp), 200, "client {i}");
        let want = if i % 2 == 0 { &expected } else { &index };
        assert!(
            body(&resp) == want.as_str(),
            "client {i} got a different page"
        );
    }

    // The subscribers got their first state and are still attached.
    for mut s in subscribers {
        let mut seen = String::new();
        let mut buf = [0u8; 4096];
        while !seen.contains("data: ") {
            let got = s.read(&mut buf).expect("event stream");
            assert!(got > 0, "stream closed: {seen}");
            seen.push_str(&String::from_utf8_lossy(&buf[..got]));
        }
        assert!(seen.starts_with("HTTP/1.1 200"), "{seen}");
        assert!(seen.contains("\"generation\":1"), "{seen}");
    }
}

#[test]
#[cfg(target_os = "linux")]
fn clients_that_hang_up_mid_response_leak_nothing() {
    let site = site();
    let server = serve(site.path());
    let base = server.base();
    // The runtime starts after the URL is printed: count once it answers.
    assert_eq!(status(&server.raw_get(&base)), 200);
    let before = server.fds();

    for round in 0..3 {
        let mut dropped = Vec::new();
        // A large page, a few bytes read, then gone.
        for _ in 0..60 {
            let mut s = server.connect();
            write!(
                s,
                "GET {base}{LONG_PAGE} HTTP/1.1\r\nHost: {}\r\n\r\n",
                server.host
            )
            .expect("send");
            let mut buf = [0u8; 16];
            s.read_exact(&mut buf).expect("first bytes");
            assert_eq!(&buf[..12], b"HTTP/1.1 200", "round {round}");
            dropped.push(s);
        }
        // Live-reload subscribers that vanish without a word.
        for _ in 0..40 {
            let mut s = server.connect();
            write!(
                s,
                "GET /__careerbook/livereload HTTP/1.1\r\nHost: {}\r\n\r\n",
                server.host
            )
            .expect("subscribe");
            let mut buf = [0u8; 12];
            s.read_exact(&mut buf).expect("first bytes");
            dropped.push(s);
        }
        drop(dropped);
        let after = server.fds_settle(before + 2);
        assert!(
            after <= before + 2,
            "round {round}: descriptors {before} before, {after} after"
        );
    }

    // The full page still arrives whole.
    let resp = server.raw_get(&format!("{base}{LONG_PAGE}"));
    assert_eq!(status(&resp), 200);
    assert!(body(&resp).contains("The end of the long guide."));
}

/// Live-reload streams have a budget of their own: clients that open more
/// streams than the server has connections and never read a byte cannot
/// keep a page from being served. Streams over the budget are refused with
/// 503 and closed; once the streams go, subscribing works again.
#[test]
fn reload_streams_that_never_read_cannot_starve_pages() {
    let site = site();
    let server = serve(site.path());
    let base = server.base();
    assert_eq!(status(&server.raw_get(&base)), 200);

    // More than the 1,024 connections served at once.
    let mut streams = Vec::new();
    for _ in 0..1100 {
        let mut s = server.connect();
        write!(
            s,
            "GET /__careerbook/livereload HTTP/1.1\r\nHost: {}\r\n\r\n",
            server.host
        )
        .expect("subscribe");
        streams.push(s);
    }
    let start = Instant::now();
    let resp = server.raw_get(&format!("{base}{LONG_PAGE}"));
    assert_eq!(status(&resp), 200);
    assert!(body(&resp).contains("The end of the long guide."));
    let took = start.elapsed();
    assert!(took < Duration::from_secs(10), "the page took {took:?}");

    // At most 64 streams were taken; every other one was refused.
    let (mut open, mut refused) = (0, 0);
    for s in &mut streams {
        let mut head = [0u8; 12];
        s.read_exact(&mut head).expect("a status line");
        match &head {
            b"HTTP/1.1 200" => open += 1,
            b"HTTP/1.1 503" => refused += 1,
            other => panic!("{}", String::from_utf8_lossy(other)),
        }
    }
    assert_eq!((open, refused), (64, 1100 - 64));

    drop(streams);
    let deadline = Instant::now() + WAIT;
    loop {
        let mut s = server.connect();
        write!(
            s,
            "GET /__careerbook/livereload HTTP/1.1\r\nHost: {}\r\n\r\n",
            server.host
        )
        .expect("subscribe");
        let mut head = [0u8; 12];
        s.read_exact(&mut head).expect("a status line");
        if &head == b"HTTP/1.1 200" {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the streams were never given back"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}
