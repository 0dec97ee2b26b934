"""Files embedded in a PDF (the assessment data carried inside a report), through pyHanko."""

from __future__ import annotations

import datetime as _dt
import hashlib
from io import BytesIO

from pyhanko.pdf_utils import embed, generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

ASSESSMENT_NAME = "assessment.json"


def attach(pdf: bytes, name: str, data: bytes, description: str, mime_type: str = "application/json",
           when: _dt.datetime | None = None) -> bytes:
    """The PDF with ``data`` embedded as a document-level file named ``name`` (an incremental update).

    With ``when`` the result is reproducible: the file's dates are ``when`` and the second part of
    the document id (new for every update, ISO 32000 §14.4) is derived from the update's content
    instead of drawn at random, so the same PDF, data and time give the same bytes."""
    w = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
    now = when or _dt.datetime.now(_dt.UTC)
    if when is not None:
        digest = hashlib.sha256(b"%s|%s|%s|%s" % (hashlib.sha256(pdf).digest(), name.encode(), data,
                                                   when.isoformat().encode())).digest()
        # pyHanko draws it in the writer's constructor and has no public setter
        w._document_id = generic.ArrayObject([w._document_id[0], generic.ByteStringObject(digest[:16])])
    ef = embed.EmbeddedFileObject.from_file_data(
        w, data, mime_type=mime_type,
        params=embed.EmbeddedFileParams(embed_size=True, embed_checksum=True, creation_date=now,
                                        modification_date=now))
    spec = embed.FileSpec(file_spec_string=name, file_name=name, embedded_data=ef, description=description,
                          af_relationship=generic.NameObject("/Data"))
    embed.embed_file(w, spec)
    out = BytesIO()
    w.write(out)
    return out.getvalue()


def _name_tree_items(node: generic.DictionaryObject) -> list[tuple[str, generic.DictionaryObject]]:
    out: list[tuple[str, generic.DictionaryObject]] = []
    if "/Names" in node:
        arr = node["/Names"]
        for i in range(0, len(arr) - 1, 2):
            out.append((str(arr[i]), arr[i + 1].get_object()))
    for kid in node.get("/Kids", []):
        out.extend(_name_tree_items(kid.get_object()))
    return out


def embedded_files(reader) -> dict[str, bytes]:
    """All document-level embedded files of a pyHanko ``PdfFileReader``: {name: data}."""
    root = reader.root
    try:
        tree = root["/Names"]["/EmbeddedFiles"]
    except KeyError:
        return {}
    out: dict[str, bytes] = {}
    for name, spec in _name_tree_items(tree.get_object()):
        try:
            ef = spec["/EF"]
            stream = (ef.get("/UF") or ef["/F"]).get_object()
            fname = str(spec.get("/UF", spec.get("/F", name)))
            out[fname] = stream.data
        except (KeyError, TypeError, ValueError):
            continue
    return out


def description_of(reader, name: str) -> str | None:
    try:
        tree = reader.root["/Names"]["/EmbeddedFiles"]
    except KeyError:
        return None
    for key, spec in _name_tree_items(tree.get_object()):
        if str(spec.get("/UF", spec.get("/F", key))) == name:
            desc = spec.get("/Desc")
            return str(desc) if desc is not None else None
    return None
