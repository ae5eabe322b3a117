"""kerasq: Keras interview practice in notebooks and editors.

`%load_ext kerasq` registers the `%kerasq` magic and adds kerasq questions to `obj?` help. Importing
this package imports neither keras nor tensorflow, nor the question bank: all are loaded on first use.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # `kerasq.check` is loaded on first use, so `import kerasq` stays light (no checker, no keras).
    if name == "check":
        from kerasq.checker import check

        return check
    raise AttributeError(f"module 'kerasq' has no attribute {name!r}")


def load_ipython_extension(ipython: Any) -> None:
    """Register the `%kerasq` magic and the help hooks (called by `%load_ext kerasq`)."""
    from kerasq.magics import KerasqMagics

    ipython.register_magics(KerasqMagics)
    _install_help_hooks(ipython)


def unload_ipython_extension(ipython: Any) -> None:
    """Remove the `%kerasq` magic and the help hooks (called by `%unload_ext kerasq`)."""
    for kind in ("line", "cell"):
        ipython.magics_manager.magics[kind].pop("kerasq", None)
    ipython.magics_manager.registry.pop("KerasqMagics", None)
    inspector = getattr(ipython, "inspector", None)
    hooks = getattr(inspector, "mime_hooks", None)
    if hooks is None:
        return
    for mime, hook in list(hooks.items()):
        if getattr(hook, "_kerasq", False):
            del hooks[mime]


def _install_help_hooks(ipython: Any) -> None:
    inspector = getattr(ipython, "inspector", None)
    if inspector is None or not hasattr(inspector, "mime_hooks"):  # IPython < 8.22
        return
    from kerasq.inspect_hook import make_hooks

    def bank() -> Any:
        from kerasq.content.bank import load_bank

        return load_bank()

    hooks = dict(inspector.mime_hooks)
    for mime, hook in make_hooks(inspector, bank).items():
        if mime in hooks and not getattr(hooks[mime], "_kerasq", False):
            continue  # someone else's hook owns this type; do not displace it
        hook._kerasq = True  # type: ignore[attr-defined]
        hooks[mime] = hook
    inspector.mime_hooks = hooks
