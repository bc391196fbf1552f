-- Which files are annual reports: *.nianbao, .txt/.md files whose name says 年度报告 or 年报,
-- and .txt files whose first lines carry the title (…政府信息公开工作年度报告), either script.

local names = { "年度报告", "年度報告", "年报", "年報" }

-- Every spelling of the end of the title, built once.
local titles = {}
for _, info in ipairs({ "信息", "資訊", "资讯" }) do
  for _, open in ipairs({ "开", "開" }) do
    for _, report in ipairs({ "报", "報" }) do
      titles[#titles + 1] = "政府" .. info .. "公" .. open .. "工作年度" .. report .. "告"
    end
  end
end

local function named(path)
  local tail = vim.fs.basename(path)
  for _, n in ipairs(names) do
    if tail:find(n, 1, true) then
      return true
    end
  end
  return false
end

local function titled(bufnr)
  if not bufnr or not vim.api.nvim_buf_is_loaded(bufnr) then
    return false
  end
  -- A title may be split over lines, and spaced out with ideographic spaces.
  local head = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, 12, false))
  head = head:gsub("%s", ""):gsub("　", "")
  for _, t in ipairs(titles) do
    if head:find(t, 1, true) then
      return true
    end
  end
  return false
end

vim.filetype.add({
  extension = { nianbao = "nianbao" },
  pattern = {
    -- Checked before the .txt extension rule; nil falls through to it.
    [".*%.txt"] = function(path, bufnr)
      if named(path) or titled(bufnr) then
        return "nianbao"
      end
    end,
    [".*%.md"] = function(path)
      if named(path) then
        return "nianbao"
      end
    end,
  },
})
