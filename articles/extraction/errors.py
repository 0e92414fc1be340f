"""The one error the pipeline raises for input it will not take: its message is the reason shown to the user."""


class InputError(ValueError):
    """Bytes that are not an article we can store: empty, binary, too large, not prose.

    `str(error)` is a one-line reason meant for a person ("binary file (a PNG image)").
    """
