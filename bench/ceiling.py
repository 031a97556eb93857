"""The ceiling: a bare Flask app that answers the same list body from memory, and a tiny JSON."""

import os
from pathlib import Path

from flask import Flask, Response

app = Flask(__name__)
LIST_BODY = Path(os.environ["CEILING_BODY"]).read_bytes()


@app.get("/list")
def listing():
    return Response(LIST_BODY, mimetype="application/json")


@app.get("/tiny")
def tiny():
    return {"status": "ok"}
