"""The serve stage: server-rendered pages and the JSON API over the store.

    app = create_app(WebSettings(db="claimwatch.db", api_token=None))
    uvicorn.run(app, host="127.0.0.1", port=8000)

Pages: /, /stories/{id}, /articles/{id}, /search?q=. API: /api/v1/... (described at /openapi.json).
"""

from __future__ import annotations

from .app import create_app
from .context import WebSettings

__all__ = ["WebSettings", "create_app"]
