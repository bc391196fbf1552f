// The CodeMirror 6 editor: plain text with line numbers, search, history, lint squiggles pushed
// from the worker, hovers and completion asked of the worker.
import { EditorState, ChangeSet, Compartment } from "@codemirror/state";
import {
  EditorView,
  keymap,
  lineNumbers,
  highlightActiveLine,
  highlightActiveLineGutter,
  drawSelection,
  hoverTooltip,
  placeholder,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { searchKeymap, highlightSelectionMatches } from "@codemirror/search";
import { lintGutter, lintKeymap, setDiagnostics } from "@codemirror/lint";
import { autocompletion, completionKeymap, snippet } from "@codemirror/autocomplete";

export { EditorState, ChangeSet, EditorView, setDiagnostics, snippet };

/**
 * Makes the editor. `hooks`: `onChange(update)` for every change of the document,
 * `hover(view, pos)` and `complete(context)` answered by the worker, `placeholderText`.
 */
export function makeEditor(parent, hooks) {
  const words = new Compartment();
  const extensions = () => [
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightActiveLine(),
    history(),
    drawSelection(),
    highlightSelectionMatches(),
    EditorView.lineWrapping,
    lintGutter(),
    words.of(placeholder(hooks.placeholderText())),
    hoverTooltip(hooks.hover, { hoverTime: 250 }),
    autocompletion({ override: [hooks.complete], activateOnTyping: true, icons: false }),
    keymap.of([...completionKeymap, ...defaultKeymap, ...historyKeymap, ...searchKeymap, ...lintKeymap]),
    EditorView.updateListener.of((u) => {
      if (u.docChanged) hooks.onChange(u);
    }),
    EditorView.contentAttributes.of({ lang: "zh", spellcheck: "false", "aria-label": "report" }),
  ];
  const view = new EditorView({ parent, state: EditorState.create({ doc: "", extensions: extensions() }) });
  return {
    view,
    /** Replaces the whole document with a fresh state (a new file: no undo back into the old one). */
    reset(text) {
      view.setState(EditorState.create({ doc: text, extensions: extensions() }));
    },
    /** The placeholder again, in the page's language. */
    relabel() {
      view.dispatch({ effects: words.reconfigure(placeholder(hooks.placeholderText())) });
    },
  };
}
