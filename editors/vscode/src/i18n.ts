// The extension's own words (prompts, messages, the preview's title) in the language the clerk
// reads: English in an English VS Code, Chinese in a Chinese one (in the report's script when
// there is a report), unless `nianbao.language` says otherwise. The server follows the same rule
// for everything it writes.

export type Lang = "en" | "zh";
export type Script = "hans" | "hant";

/** The language for the setting (`auto`, `zh`, `en`) and VS Code's display language. */
export function resolveLang(setting: string | undefined, displayLanguage: string): Lang {
  if (setting === "en" || setting === "zh") {
    return setting;
  }
  // The server's rule for `auto`: English when the client's locale is English, else Chinese.
  return displayLanguage.toLowerCase().startsWith("en") ? "en" : "zh";
}

/** The script of Chinese without a report to look at: traditional for Taiwan, Hong Kong, Macao. */
export function localeScript(displayLanguage: string): Script {
  return /^zh-(tw|hk|mo|hant)/i.test(displayLanguage) ? "hant" : "hans";
}

// Characters that exist in only one script, frequent in reports (公开/公開, 报告/報告, …).
const HANS_ONLY = "开报门关这发条处诉议复结况问题织构机务规据应计总结转办诉讼确认实经现项";
const HANT_ONLY = "開報門關這發條處訴議復結況問題織構機務規據應計總結轉辦訴訟確認實經現項";

/** The script a report is written in, by the characters only one script has. */
export function textScript(text: string): Script {
  let hans = 0;
  let hant = 0;
  for (const c of text.slice(0, 20000)) {
    if (HANS_ONLY.includes(c) && !HANT_ONLY.includes(c)) {
      hans++;
    } else if (HANT_ONLY.includes(c) && !HANS_ONLY.includes(c)) {
      hant++;
    }
  }
  return hant > hans ? "hant" : "hans";
}

interface Message {
  en: string;
  hans: string;
  hant: string;
}

export const MESSAGES = {
  organisationPrompt: {
    en: "Organisation (e.g. Qingshi County People's Government)",
    hans: "单位名称（如：某某县人民政府）",
    hant: "單位名稱（如：某某縣人民政府）",
  },
  yearPrompt: { en: "Year the report covers", hans: "报告年度", hant: "報告年度" },
  needOrganisationAndYear: {
    en: "An organisation and a year (e.g. 2025) are needed.",
    hans: "需要单位名称和年度（如 2025）。",
    hant: "需要單位名稱和年度（如 2025）。",
  },
  nothingToFix: {
    en: "Nothing in this report can be fixed safely.",
    hans: "这份报告中没有可以安全修复的问题。",
    hant: "這份報告中沒有可以安全修復的問題。",
  },
  notAReport: {
    en: "The active editor is not an annual report.",
    hans: "当前编辑器中不是年度报告。",
    hant: "當前編輯器中不是年度報告。",
  },
  notConvertible: {
    en: "Open a Word file (.docx, .doc, .wps), a web page (.html) or a PDF to read it as text.",
    hans: "请选择 Word 文档（.docx、.doc、.wps）、网页（.html）或 PDF 文件，以文本打开。",
    hant: "請選擇 Word 文件（.docx、.doc、.wps）、網頁（.html）或 PDF 文件，以文字開啟。",
  },
  conversionFailed: { en: "nianbao could not read the file:", hans: "nianbao 无法读取此文件：", hant: "nianbao 無法讀取此文件：" },
  previewTitle: { en: "Table preview", hans: "统计表预览", hant: "統計表預覽" },
  serverName: { en: "nianbao: annual report checker", hans: "年报检查 nianbao", hant: "年報檢查 nianbao" },
} satisfies Record<string, Message>;

export type MessageKey = keyof typeof MESSAGES;

/** A message in a language and script. */
export function say(key: MessageKey, lang: Lang, script: Script = "hans"): string {
  const m: Message = MESSAGES[key];
  return lang === "en" ? m.en : m[script];
}
