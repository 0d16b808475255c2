#!/usr/bin/env bash
# Records `careerbook lsp` in a real editor: Neovim in a tmux pane, on a
# copy of tests/fixtures/site, with three mistakes typed into a guide and a
# completion asked for. Prints the screen after each step, as
# docs/editors.md shows it.
#
#   scripts/editor-session.sh [path/to/careerbook]
#
# Needs nvim (0.7 or newer) and tmux. Nothing is saved: the edits stay in
# the editor's buffer, which is the point (the server reads the buffer).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
bin="$(realpath "${1:-$repo/target/debug/careerbook}")"
work="$(mktemp -d)"
trap 'tmux kill-session -t careerbook-lsp 2>/dev/null || true; rm -rf "$work"' EXIT
cp -r "$repo/tests/fixtures/site" "$work/site"
cat >"$work/init.lua" <<LUA
-- Neovim 0.7 has neither vim.lsp.start nor vim.fs.root (docs/editors.md
-- shows the 0.10 setup); start the server and attach it by hand.
vim.opt.number = true
vim.opt.swapfile = false
vim.opt.completeopt = { "menuone", "noinsert" }
local client
vim.api.nvim_create_autocmd("FileType", {
  pattern = { "markdown", "yaml" },
  callback = function(args)
    client = client or vim.lsp.start_client({
      name = "careerbook",
      cmd = { "$bin", "lsp" },
      root_dir = "$work/site",
    })
    vim.lsp.buf_attach_client(args.buf, client)
    vim.bo[args.buf].omnifunc = "v:lua.vim.lsp.omnifunc"
  end,
})
LUA
cd "$work/site"
tmux new-session -d -s careerbook-lsp -x 110 -y 34 \
  "nvim -u '$work/init.lua' guides/data-analyst.md"
sleep 3
keys() { tmux send-keys -t careerbook-lsp "$@"; sleep 0.5; }
screen() { sleep "${1:-3}"; tmux capture-pane -p -t careerbook-lsp; echo; }
# Three mistakes, typed and not saved.
keys ':4s/summary/sumary/' Enter
keys ':19s/data-scientist/data-scientst/' Enter
keys ':23s/year/yearly/' Enter
keys ':19' Enter
echo "== three mistakes typed into guides/data-analyst.md"
screen
# A new field in a salary range, and the values it allows.
keys ':29' Enter o 'basis: ' C-x C-o
echo "== completion after \`basis: \` (Ctrl-X Ctrl-O)"
screen 2
