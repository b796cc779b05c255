"""Small dialogs: article properties, new article from the clipboard, keyboard shortcuts."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.values import Article

PROPERTY_FIELDS = (("title", "Title"), ("source", "Source"), ("author", "Author"),
                   ("url", "URL"), ("published", "Published (YYYY-MM-DD)"),
                   ("language", "Language"))


class ArticlePropertiesDialog(QDialog):
    def __init__(self, article: Article, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Article properties")
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for name, label in PROPERTY_FIELDS:
            edit = QLineEdit(getattr(article, name))
            self.edits[name] = edit
            form.addRow(label + ":", edit)
        self.summary = QPlainTextEdit(article.summary)
        self.summary.setPlaceholderText("Your summary of the article, used in briefing notes")
        form.addRow("Summary:", self.summary)
        form.addRow("File:", QLineEdit(article.filename, readOnly=True))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(560, 420)

    def values(self) -> dict[str, str]:
        out = {name: edit.text().strip() for name, edit in self.edits.items()}
        out["summary"] = self.summary.toPlainText().strip()
        return out

    def accept(self) -> None:
        # Check before closing, so that a mistyped date loses nothing the user entered.
        if _date_refused(self, self.edits["published"].text().strip()):
            return
        super().accept()


class ClipboardArticleDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New article from clipboard")
        self.text = QPlainTextEdit(QGuiApplication.clipboard().text())
        self.text.setPlaceholderText("Paste the article text here")
        self.title = QLineEdit()
        self.source = QLineEdit()
        self.url = QLineEdit()
        self.published = QLineEdit()
        self.published.setPlaceholderText("YYYY-MM-DD")
        first = next((ln.strip() for ln in self.text.toPlainText().splitlines() if ln.strip()), "")
        self.title.setText(first[:300])
        form = QFormLayout()
        form.addRow("Title:", self.title)
        form.addRow("Source:", self.source)
        form.addRow("URL:", self.url)
        form.addRow("Published:", self.published)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(640, 520)

    def accept(self) -> None:
        if not self.text.toPlainText().strip():
            QMessageBox.warning(self, self.windowTitle(), "Paste the article's text first.")
            return
        if _date_refused(self, self.published.text().strip()):
            return
        super().accept()


def _date_refused(dialog: QDialog, value: str) -> bool:
    from models.articles import check_published
    from models.errors import ValidationError

    try:
        check_published(value)
    except ValidationError as exc:
        QMessageBox.warning(dialog, dialog.windowTitle(), str(exc))
        return True
    return False


class ShortcutsDialog(QDialog):
    def __init__(self, rows: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        table = QTableWidget(len(rows), 2)
        table.setHorizontalHeaderLabels(["Action", "Keys"])
        for r, (action, keys) in enumerate(rows):
            table.setItem(r, 0, QTableWidgetItem(action))
            table.setItem(r, 1, QTableWidgetItem(keys))
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        table.verticalHeader().hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.resize(520, 560)


def confirm(parent: QWidget | None, title: str, text: str, action: str) -> bool:
    """Ask before a change the user may not have meant; `action` labels the yes button.
    The box is a real modal QMessageBox named "confirm" (tests answer it with a key)."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Cancel,
                      parent)
    box.setObjectName("confirm")
    yes = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    chosen = box.clickedButton() is yes
    box.deleteLater()
    return chosen
