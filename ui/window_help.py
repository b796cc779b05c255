"""Help ▸ Keyboard Shortcuts and About: the keys a user types, listed from the actions."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QWidget

NAMED_KEYS = {"Del", "Delete", "Backspace", "Return", "Enter", "Esc"}
EXTRA_ROWS = (("Adjust the selection", "Shift+Arrows"), ("Back to the text", "Esc"),
              ("Find the next / previous match", "F3, Shift+F3 (or Enter, Shift+Enter)"),
              ("Select one of overlapping annotations", "Click again on the same spot"),
              ("Links list: go to the other end / remove / cite for the claim's status",
               "Enter / Delete / Space"),
              ("Link To: supports / contradicts / repeats / context", "S / C / R / T"),
              ("People list: edit / merge into / split an alias / delete",
               "F2 or Enter / M / S / Delete"),
              ("Search field: to the hits", "Down or Enter"))


def shortcut_rows(owner: QWidget) -> list[tuple[str, str]]:
    """(what, keys) for every action under `owner` that has keys a user types."""
    rows = []
    for act in owner.findChildren(QAction):
        # Standard keys also bind dedicated keyboard keys ("Find", "Undo", F14 on some
        # keyboards): list only keys a user types.
        shown = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in act.shortcuts()]
        keys = ", ".join(k for k in shown if typed(k))
        if keys and act.text():
            rows.append((undo_name(act) or act.text().replace("&", ""), keys))
    rows.extend(EXTRA_ROWS)
    return sorted(set(rows))


def undo_name(act: QAction) -> str:
    """"Undo" or "Redo" for the undo stack's actions, whose text names the last step
    ("Undo Tag as Claim"): they are known by the standard Undo / Redo keys they carry."""
    keys = set(act.shortcuts())
    for name, standard in (("Undo", QKeySequence.StandardKey.Undo),
                           ("Redo", QKeySequence.StandardKey.Redo)):
        if keys & set(QKeySequence.keyBindings(standard)):
            return name
    return ""


def typed(key: str) -> bool:
    """A key a user types: not a dedicated key like "Find", "Undo" or F13-F35."""
    last = key.split("+")[-1]
    if last.startswith("F") and last[1:].isdigit():
        return int(last[1:]) <= 12
    return not key.isalpha() or len(key) == 1 or key in NAMED_KEYS


def show_shortcuts(owner: QWidget) -> None:
    from ui.dialogs import ShortcutsDialog

    ShortcutsDialog(shortcut_rows(owner), owner).exec()


def about(owner: QWidget) -> None:
    QMessageBox.about(owner, "About Briefmark",
                      "<b>Briefmark</b><br>Read news articles closely: tag claims, quotes "
                      "and events, and write Word briefing notes.")
