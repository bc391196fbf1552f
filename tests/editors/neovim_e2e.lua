-- Drives nianbao from a real Neovim (0.11), headless, set up as editors/neovim/README.md says
-- (see neovim.sh). Checks file detection, tree-sitter highlighting, the server's diagnostics and
-- semantic tokens, and applies the quick fix of the wrong total through Neovim's own LSP client.
-- Exits non-zero on failure.

local dir = os.getenv("NIANBAO_E2E_DIR")
local function fail(msg)
  io.stderr:write("neovim e2e: FAIL: " .. msg .. "\n")
  os.exit(1)
end
local function note(msg)
  io.stdout:write("neovim e2e: " .. msg .. "\n")
end
local function check(ok, msg)
  if not ok then
    fail(msg)
  end
end

-- File detection: by name, by title, and not a plain note.
for name, want in pairs({ ["draft.txt"] = "nianbao", ["notes.txt"] = "text" }) do
  vim.cmd.edit(vim.fs.joinpath(dir, name))
  check(vim.bo.filetype == want, ("%s has filetype %q, expected %q"):format(name, vim.bo.filetype, want))
  note(("%s: %s"):format(name, vim.bo.filetype))
  vim.cmd("bwipeout!")
end
vim.cmd.edit(vim.fs.joinpath(dir, "示例县2025年政府信息公开工作年度报告.txt"))
local buf = vim.api.nvim_get_current_buf()
check(vim.bo[buf].filetype == "nianbao", "the report by name has filetype " .. vim.bo[buf].filetype)
check(not vim.bo[buf].expandtab, "expandtab is on: Tab would not separate cells")

-- Tree-sitter highlighting from the built parser and the copied queries.
check(vim.treesitter.highlighter.active[buf] ~= nil, "tree-sitter highlighting is not active")
-- Headless Neovim never redraws, so parse here rather than wait for the highlighter.
vim.treesitter.get_parser(buf):parse()
local heading = vim.fn.search("^一、总体情况", "nw") - 1
local function captures(row, col)
  local out = {}
  for _, c in ipairs(vim.treesitter.get_captures_at_pos(buf, row, col)) do
    out[#out + 1] = c.capture
  end
  return table.concat(out, ",")
end
check(captures(heading, 6):find("markup.heading", 1, true), "no heading capture: " .. captures(heading, 6))
note("tree-sitter captures on the first heading: " .. captures(heading, 6))

local function codes()
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    out[#out + 1] = d.code
  end
  table.sort(out)
  return table.concat(out, ",")
end

local expected = "empty-cell,missing-fee-statement,nonstandard-heading,nonstandard-label,stray-markup,total-mismatch"
if not vim.wait(15000, function() return codes() == expected end, 50) then
  fail("diagnostics were " .. codes() .. ", expected " .. expected)
end
note("diagnostics: " .. codes())
local client = vim.lsp.get_clients({ bufnr = buf, name = "nianbao" })[1]
check(client ~= nil, "no nianbao client on the buffer")
-- Outside a git repository the report's folder is the root, scanned for other years' reports.
check(client.root_dir == dir, ("root is %s, expected %s"):format(tostring(client.root_dir), dir))

-- The wrong total: its range in Neovim's terms, and the code actions there.
local target
for _, d in ipairs(vim.diagnostic.get(buf)) do
  if d.code == "total-mismatch" then
    target = d
  end
end
local line = vim.api.nvim_buf_get_lines(buf, target.lnum, target.lnum + 1, false)[1]
note(("total-mismatch on line %d: %s"):format(target.lnum + 1, line))

-- The server's semantic tokens mark it a wrong total.
local function wrong_total()
  for _, t in ipairs(vim.lsp.semantic_tokens.get_at_pos(buf, target.lnum, target.col) or {}) do
    if t.type == "total" and t.modifiers.wrong then
      return true
    end
  end
  return false
end
check(vim.wait(10000, wrong_total, 50), "no wrong-total semantic token on the wrong total")
note("semantic token: total, wrong")

local params = {
  textDocument = { uri = vim.uri_from_bufnr(buf) },
  range = {
    start = { line = target.lnum, character = target.col },
    ["end"] = { line = target.end_lnum, character = target.end_col },
  },
  context = { diagnostics = { target.user_data.lsp }, only = { "quickfix" } },
}
local response = client:request_sync("textDocument/codeAction", params, 10000, buf)
if not response or response.err or not response.result or #response.result == 0 then
  fail("no code action for the wrong total")
end
local action = response.result[1]
note("applying: " .. action.title)
vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)

local fixed = "empty-cell,missing-fee-statement,nonstandard-heading,nonstandard-label,stray-markup"
if not vim.wait(15000, function() return codes() == fixed end, 50) then
  fail("after the fix, diagnostics were " .. codes())
end
local new_line = vim.api.nvim_buf_get_lines(buf, target.lnum, target.lnum + 1, false)[1]
note("fixed line: " .. new_line)
check(new_line:find("\t17$"), "the total was not set to 17")
note("the finding went away: " .. codes())
client:stop()
os.exit(0)
