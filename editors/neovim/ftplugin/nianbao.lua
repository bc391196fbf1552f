-- Buffer settings for reports.

-- Tabs separate table cells: a Tab key must type a tab.
vim.bo.expandtab = false
vim.bo.tabstop = 8
-- Reports are prose: wrap at word boundaries, which for Chinese means anywhere.
vim.wo.wrap = true
vim.wo.linebreak = false

-- Colour from the tree-sitter grammar when parser/nianbao.so is built (see build.sh); the
-- server's semantic tokens colour totals and wrong values on top.
pcall(vim.treesitter.start)

vim.api.nvim_buf_create_user_command(0, "NianbaoFixAll", function()
  vim.lsp.buf.code_action({ context = { only = { "source.fixAll.nianbao" }, diagnostics = {} }, apply = true })
end, { desc = "nianbao: fix all safe problems" })

vim.b.undo_ftplugin = (vim.b.undo_ftplugin or "") .. "\n setlocal expandtab< tabstop< wrap< linebreak< | delcommand -buffer NianbaoFixAll"
