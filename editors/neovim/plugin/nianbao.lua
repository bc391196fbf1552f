-- Colours of the server's semantic tokens (heading, label, number, total; modifier wrong).
-- Defaults only: a colour scheme that sets these wins.
local links = {
  ["@lsp.type.heading.nianbao"] = "@markup.heading",
  ["@lsp.type.label.nianbao"] = "@property",
  ["@lsp.type.number.nianbao"] = "@number",
  ["@lsp.type.total.nianbao"] = "@constant",
  ["@lsp.mod.wrong.nianbao"] = "DiagnosticUnderlineError",
}
for group, target in pairs(links) do
  vim.api.nvim_set_hl(0, group, { link = target, default = true })
end
