"""The jupyter-lsp spec for the kerasq language server (entry point group `jupyter_lsp_spec_v1`).

JupyterLab (jupyterlab-lsp) connects each notebook to the single matching server of highest priority.
kerasq must never take a notebook away from pylsp, so kerasq ships a lower priority as a JupyterLab
settings default (`jupyterlab-settings/kerasq.json`, installed into `share/jupyter/lab/settings/overrides.d`);
beside pylsp, the kerasq pylsp plugin brings the kerasq hovers. The kerasq server itself serves
notebooks where no other Python server is installed.
"""

from __future__ import annotations

import sys
from typing import Any

SERVER_KEY = "kerasq"
SPEC_VERSION = 2  # jupyter_lsp.schema.SPEC_VERSION; the spec is validated against it on discovery


def spec(manager: Any = None) -> dict[str, dict[str, Any]]:
    """The kerasq server spec keyed by its name, for jupyter_lsp's LanguageServerManager."""
    return {
        SERVER_KEY: {
            "version": SPEC_VERSION,
            "display_name": "kerasq (Keras interview hovers and pitfalls)",
            # The interpreter running Jupyter found this entry point, so it has kerasq installed.
            "argv": [sys.executable, "-m", "kerasq.lsp"],
            "languages": ["python"],
            "mime_types": ["text/python", "text/x-ipython"],
            # The server works on the text it is sent: no `.virtual_documents` copies on disk.
            "requires_documents_on_disk": False,
            # No server settings yet; jupyterlab-lsp applies the shipped priority default only to
            # servers whose spec has a configuration schema with properties.
            "config_schema": {"type": "object", "title": "kerasq", "properties": {}},
            "install": {"pip": "pip install kerasq"},
            "env": {"PYTHONUNBUFFERED": "1"},
        }
    }
