-- Drives nianbao's language server from a real Neovim (0.11), headless:
--   nvim --headless --clean -l tests/editors/neovim_e2e.lua NIANBAO_BINARY REPORT
-- Opens the report, waits for the expected diagnostics, applies the quick fix of the wrong
-- total through Neovim's own LSP client and checks that the finding goes. Exits non-zero on
-- failure.

local bin, file = arg[1], arg[2]
local function fail(msg)
  io.stderr:write("neovim e2e: FAIL: " .. msg .. "\n")
  os.exit(1)
end
local function note(msg)
  io.stdout:write("neovim e2e: " .. msg .. "\n")
end

vim.cmd.edit(file)
local buf = vim.api.nvim_get_current_buf()
vim.bo[buf].filetype = "nianbao"

local client_id = vim.lsp.start({
  name = "nianbao",
  cmd = { bin, "lsp" },
  root_dir = vim.fn.fnamemodify(file, ":p:h"),
}, { bufnr = buf })
if not client_id then
  fail("the server did not start")
end

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

-- The wrong total: its range in Neovim's terms, and the code actions there.
local target
for _, d in ipairs(vim.diagnostic.get(buf)) do
  if d.code == "total-mismatch" then
    target = d
  end
end
local line = vim.api.nvim_buf_get_lines(buf, target.lnum, target.lnum + 1, false)[1]
note(("total-mismatch on line %d: %s"):format(target.lnum + 1, line))
local client = vim.lsp.get_client_by_id(client_id)
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
if not new_line:find("\t17$") then
  fail("the total was not set to 17")
end
note("the finding went away: " .. codes())
vim.lsp.stop_client(client_id)
os.exit(0)
