-- The nianbao language server, for vim.lsp.enable("nianbao") (Neovim 0.11+). Override any
-- field with vim.lsp.config("nianbao", { ... }), e.g. cmd for a binary not on PATH.
return {
  cmd = { "nianbao", "lsp" },
  filetypes = { "nianbao" },
  -- Reports of other years under the root are compared with this one: the git repository if
  -- the report is in one, else its folder.
  root_dir = function(bufnr, on_dir)
    on_dir(vim.fs.root(bufnr, { ".git" }) or vim.fs.dirname(vim.api.nvim_buf_get_name(bufnr)))
  end,
  init_options = {
    -- "zh", "en" or "auto" (Chinese, in the script of the report).
    language = "auto",
    -- Per finding code: "error", "warning", "information", "hint" or "off".
    severity = {},
  },
}
