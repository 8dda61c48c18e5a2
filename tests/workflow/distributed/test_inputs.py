"""Inputs for corpus runs: list files, fsspec URLs (the in-memory filesystem and file://),
and the one-line errors for what cannot be read."""

from __future__ import annotations

from pathlib import Path

import fsspec
import pytest

from svdocs.core.errors import InputError
from svdocs.workflow.inputs import collect_inputs, expand_url, is_url, read_list_file, read_url

MD = "# Social value\n\nThe Supplier will endeavour to support local employment.\n"


@pytest.fixture
def memfs() -> fsspec.AbstractFileSystem:
    fs = fsspec.filesystem("memory")
    for name in ["corpus/a.md", "corpus/sub/b.txt", "corpus/skip.png", "corpus/.hidden/c.md"]:
        fs.pipe(f"/{name}", MD.encode())
    yield fs
    fs.rm("/corpus", recursive=True)


def test_urls_are_told_from_paths() -> None:
    assert is_url("s3://bucket/a.md") and is_url("memory://x/a.md")
    assert is_url("file:///tmp/a.md")
    assert not is_url("C:\\tenders\\a.docx") and not is_url("tenders/a.md")


def test_a_list_file_skips_blank_lines_and_comments(tmp_path: Path) -> None:
    listing = tmp_path / "list.txt"
    listing.write_text("# the corpus\n\n  a.md  \nmemory://corpus/b.txt\n# end\n")
    assert read_list_file(str(listing)) == ["a.md", "memory://corpus/b.txt"]


def test_a_missing_list_file_is_one_line_naming_it(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        read_list_file(str(tmp_path / "nope.txt"))
    assert str(err.value) == f"{tmp_path / 'nope.txt'}: no such list file"


def test_a_folder_url_expands_to_its_documents(memfs: fsspec.AbstractFileSystem) -> None:
    assert expand_url("memory://corpus/") == ["memory:///corpus/a.md",
                                              "memory:///corpus/sub/b.txt"]
    assert expand_url("memory://corpus/*.md") == ["memory:///corpus/a.md"]
    assert expand_url("memory://corpus/none.md") == ["memory://corpus/none.md"]


def test_local_paths_keep_the_local_order_and_urls_follow(
        tmp_path: Path, memfs: fsspec.AbstractFileSystem) -> None:
    (tmp_path / "z.md").write_text(MD)
    (tmp_path / "a.txt").write_text(MD)
    listing = tmp_path / "list.txt"
    listing.write_text(f"memory://corpus/a.md\n{tmp_path / 'a.txt'}\n")
    names = collect_inputs([str(tmp_path / "z.md")], [str(listing)])
    assert names == [str(tmp_path / "a.txt"), str(tmp_path / "z.md"), "memory://corpus/a.md"]


def test_a_url_reads_like_the_same_local_file(tmp_path: Path,
                                              memfs: fsspec.AbstractFileSystem) -> None:
    from svdocs.readers import read_document

    local = tmp_path / "a.md"
    local.write_text(MD)
    by_url = read_url("memory://corpus/a.md")
    by_file = read_url(local.as_uri())
    by_path = read_document(local)
    assert [b.text for b in by_url.blocks] == [b.text for b in by_path.blocks]
    assert [b.text for b in by_file.blocks] == [b.text for b in by_path.blocks]
    assert by_url.path == "memory://corpus/a.md"


@pytest.mark.parametrize(("url", "message"), [
    ("memory://corpus/missing.md", "no such file"),
    ("memory://corpus", "not a file"),
    ("memory://corpus/skip.png", "unsupported file type .png"),
])
def test_a_url_that_cannot_be_read_is_one_line(memfs: fsspec.AbstractFileSystem, url: str,
                                               message: str) -> None:
    with pytest.raises(InputError) as err:
        read_url(url)
    assert str(err.value) == f"{url}: {message}"


def test_a_protocol_without_its_backend_is_one_line_naming_the_package() -> None:
    try:
        import s3fs  # noqa: F401
    except ImportError:
        pass
    else:
        pytest.skip("s3fs is installed here")
    with pytest.raises(InputError) as err:
        collect_inputs(["s3://bucket/tenders/"])
    text = str(err.value)
    assert text.startswith("s3://bucket/tenders/: s3:// URLs need an fsspec backend")
    assert "s3fs" in text and "\n" not in text
