"""Errors a user can act on. Each message says what happened and what to do."""


class BriefmarkError(Exception):
    """Base for every error whose message is meant for the user."""


class ProjectOpenError(BriefmarkError):
    """The project file cannot be opened; it has not been changed."""


class NotAProjectError(ProjectOpenError):
    pass


class NewerProjectError(ProjectOpenError):
    pass


class CorruptProjectError(ProjectOpenError):
    pass


class ReadOnlyProjectError(BriefmarkError):
    """A change was asked of a project opened read-only."""


class ImportRefused(BriefmarkError):
    """A file could not be imported as an article."""


class ValidationError(BriefmarkError):
    """A value given for an article or annotation is not acceptable."""


class NotFoundError(BriefmarkError):
    pass


class ExportError(BriefmarkError):
    pass
