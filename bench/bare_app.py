"""The baseline of bench/web.py: a bare FastAPI endpoint returning a constant, served like claimwatch."""

from fastapi import FastAPI
from fastapi.responses import PlainTextResponse

app = FastAPI()


@app.get("/", response_class=PlainTextResponse)
async def constant() -> str:
    return "ok"
