"""Writing a quiz as the app's own TOML file: a small, stable writer (the same quiz always
gives the same text, and ``native.parse_native(export_native(q))`` gives ``q`` back)."""

from __future__ import annotations

from trainer_app.domain.quiz import FORMAT_VERSION, QUIZ_FORMAT, OptionDoc, QuizDoc

__all__ = ["export_native", "toml_string"]


def _escape(text: str, *, newlines: bool) -> str:
    out = []
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\n" if newlines else "\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return "".join(out)


def toml_string(text: str, *, multiline: bool = True) -> str:
    """A TOML basic string; text with line breaks as a multi-line string when allowed."""
    if multiline and "\n" in text:
        return '"""\n' + _escape(text, newlines=True) + '"""'
    return '"' + _escape(text, newlines=False) + '"'


def _number(value: float) -> str:
    value = float(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def _option_line(option: OptionDoc) -> str:
    parts = [f"text = {toml_string(option.text, multiline=False)}"]
    if option.correct:
        parts.append("correct = true")
    if option.weight is not None:
        parts.append(f"weight = {_number(option.weight)}")
    if option.feedback:
        parts.append(f"feedback = {toml_string(option.feedback, multiline=False)}")
    return "  { " + ", ".join(parts) + " },"


def export_native(doc: QuizDoc) -> str:
    """The quiz as a native TOML file (UTF-8 text, LF line ends). Stable: the same quiz
    gives the same text. Empty optional keys are left out."""
    pass_mark = float(doc.pass_mark)
    out = [
        f"format = {toml_string(QUIZ_FORMAT)}",
        f"format_version = {FORMAT_VERSION}",
        f"id = {toml_string(doc.id)}",
        f"title = {toml_string(doc.title, multiline=False)}",
        f"topic = {toml_string(doc.topic, multiline=False)}",
        f"pass_mark = {repr(pass_mark) if not pass_mark.is_integer() else f'{pass_mark:.1f}'}",
        f"shuffle_questions = {'true' if doc.shuffle_questions else 'false'}",
        f"shuffle_options = {'true' if doc.shuffle_options else 'false'}",
        f"scoring = {toml_string(doc.scoring)}",
    ]
    if doc.description:
        out.append(f"description = {toml_string(doc.description)}")
    for q in doc.questions:
        out += ["", "[[questions]]", f"id = {toml_string(q.id)}", f"kind = {toml_string(q.kind)}"]
        if q.name:
            out.append(f"name = {toml_string(q.name, multiline=False)}")
        out.append(f"text = {toml_string(q.text)}")
        if q.explanation:
            out.append(f"explanation = {toml_string(q.explanation)}")
        if q.source:
            out.append(f"source = {toml_string(q.source, multiline=False)}")
        if q.tags:
            tags = ", ".join(toml_string(t, multiline=False) for t in q.tags)
            out.append(f"tags = [{tags}]")
        out.append("options = [")
        out += [_option_line(o) for o in q.options]
        out.append("]")
    return "\n".join(out) + "\n"
