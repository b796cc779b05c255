"""The summary of an import: one readable box, long lists folded into a count with the full
report behind "Show Details…"."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from models.article_import import ImportReport

SHOWN = 4  # items listed per group before the rest is folded into "and N more"


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _group(title: str, items: list[str]) -> list[str]:
    if not items:
        return []
    lines = [title] + [f"  • {item}" for item in items[:SHOWN]]
    if len(items) > SHOWN:
        lines.append(f"  … and {len(items) - SHOWN} more (Show Details… lists them all)")
    return lines


def headline(report: ImportReport, asked: int) -> str:
    n = len(report.imported)
    text = f"Imported {n} of {_plural(asked, 'file')}"
    if report.stopped == "cancelled":
        text += " (cancelled)"
    return text


def summary_lines(report: ImportReport) -> list[str]:
    """Everything but the imported articles themselves (the library shows those)."""
    refused = [reason if reason.startswith(name) else f"{name}: {reason}"
               for name, reason in report.refused]
    lines = _group(f"{_plural(len(refused), 'file')} refused:", refused)
    lines += _group(f"{_plural(len(report.duplicates), 'file')} already in the project:",
                    [f"{name} (article {i})" for name, i in report.duplicates])
    lines += _group(f"{_plural(len(report.notes), 'file')} to check:",
                    [note for _n, note in report.notes])
    if report.not_attempted:
        why = ("the import was cancelled" if report.stopped == "cancelled"
               else report.stopped)
        lines += _group(f"{_plural(len(report.not_attempted), 'file')} not imported ({why}):",
                        report.not_attempted)
    return lines


def summary_box(parent: QWidget, report: ImportReport, asked: int) -> QMessageBox | None:
    """A non-modal box when there is more to say than "imported N" (else None)."""
    lines = summary_lines(report)
    if not lines:
        return None
    box = QMessageBox(parent)
    box.setObjectName("importSummary")
    trouble = report.refused or report.not_attempted
    box.setIcon(QMessageBox.Icon.Warning if trouble else QMessageBox.Icon.Information)
    box.setWindowTitle("Import articles")
    box.setText(headline(report, asked) + ".")
    box.setInformativeText("\n".join(lines))
    box.setDetailedText("\n".join(report.lines()))
    box.open()
    return box
