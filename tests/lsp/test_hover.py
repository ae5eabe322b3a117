"""`hover_markdown`: import-aware resolution of the name under the cursor to Keras API questions."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from kerasq.lsp.bankindex import read_index
from kerasq.lsp.hover import hover_markdown


@pytest.fixture(scope="module")
def index():
    return read_index()


def at(source: str, marker: str = "^") -> tuple[str, int, int]:
    """Strip a one-character cursor marker from ``source`` and return the text and the LSP position."""
    source = textwrap.dedent(source)
    before = source[: source.index(marker)]
    line = before.count("\n")
    column = len(before) - (before.rfind("\n") + 1)
    return source.replace(marker, "", 1), line, column


def hover(source: str) -> str | None:
    text, line, column = at(source)
    return hover_markdown(text, line, column)


def assert_about(markdown: str | None, api: str, index) -> None:
    assert markdown is not None, f"no hover for {api}"
    main = index.about_api(api)[0]
    assert f"`{api}`" in markdown
    assert f"Q{main.id} · {main.title}" in markdown
    assert f"`%kerasq {main.id}`" in markdown


@pytest.mark.parametrize(
    "source",
    [
        "from keras.layers import Dense\nx = ^Dense(3)\n",
        "from keras.layers import Dense\nx = Den^se(3)\n",
        "from keras.layers import Dense\nx = Dense^(3)\n",  # the end of the name still counts
        "from keras.layers import ^Dense\n",
        "import keras\nkeras.layers.^Dense(3)\n",
        "import keras as K\nK.layers.^Dense(3)\n",
        "from keras import layers as L\nL.^Dense(3)\n",
        "from keras.layers import Dense as D\n^D(3)\n",
        "import tensorflow as tf\ntf.keras.layers.^Dense(3)\n",
        "from tensorflow.keras import layers\nlayers.^Dense(3)\n",
        "from tensorflow import keras\nkeras.layers.^Dense(3)\n",
        "import tensorflow.keras.layers as tkl\ntkl.^Dense(3)\n",
        "from keras import layers\nDense = layers.Dense\n^Dense(3)\n",
        "keras.layers.^Dense(3)\n",  # keras imported in a cell the server does not see
    ],
)
def test_dense_spellings_resolve(source: str, index) -> None:
    assert_about(hover(source), "keras.layers.Dense", index)


@pytest.mark.parametrize(
    "source",
    [
        "import keras\nmodel = keras.Sequential([])\nmodel.^compile(optimizer='adam')\n",
        "import keras\nmodel = keras.Model(inputs, outputs)\nmodel.^compile()\n",
        "from keras.models import Sequential\nmodel = Sequential()\nmodel.^compile()\n",
        "import keras\nmodel = keras.models.load_model('m.keras')\nmodel.^compile()\n",
        "import tensorflow as tf\nmodel = tf.keras.models.load_model('m.keras')\nmodel.^compile()\n",
        "import keras\nclass Net(keras.Model):\n    pass\nnet = Net()\nnet.^compile()\n",
        "import keras\ndef train(model: keras.Model):\n    model.^compile()\n",
        "import keras\nkeras.Sequential([]).^compile()\n",
        "import keras\nmodel = keras.Sequential([])\ndef later():\n    model.^compile()\n",
    ],
)
def test_model_methods_resolve_through_the_constructor(source: str, index) -> None:
    assert_about(hover(source), "keras.Model.compile", index)


def test_self_in_a_layer_subclass_resolves_to_layer_methods(index) -> None:
    source = """
    import keras
    class MyDense(keras.layers.Layer):
        def build(self, input_shape):
            self.kernel = self.^add_weight(shape=(input_shape[-1], 3))
    """
    assert_about(hover(source), "keras.layers.Layer.add_weight", index)


@pytest.mark.parametrize(
    "source",
    [
        "class Dense:\n    pass\nx = ^Dense(3)\n",  # defined in the file
        "from mylib.layers import Dense\nx = ^Dense(3)\n",  # imported from elsewhere
        "from .layers import Dense\nx = ^Dense(3)\n",  # relative import: the project's own code
        "from keras.layers import Dense\nDense = 3\n^Dense\n",  # rebound after the import
        "from keras.layers import Dense\ndef f(Dense):\n    return ^Dense\n",  # a parameter shadows it
        "model = build()\nmodel.^compile()\n",  # receiver of unknown origin: no type inference
        "import keras\ndef f(model):\n    model.^compile()\n",  # a plain parameter
        "import keras\nmodel = keras.Sequential([])\nmodel = other()\nmodel.^compile()\n",
        "import keras\nx = 'keras.layers.^Dense'\n",  # inside a string
        "import keras\n# keras.layers.^Dense\n",  # inside a comment
        "import numpy as np\nnp.^array([])\n",  # not Keras
        "import keras\nkeras.layers.^NoSuchLayer\n",  # Keras, but no question about it
        "^\n",
    ],
)
def test_names_that_are_not_keras_questions_get_no_hover(source: str) -> None:
    assert hover(source) is None


def test_ipython_syntax_does_not_hide_the_imports(index) -> None:
    source = """
    %load_ext kerasq
    %kerasq 15
    !pip install keras
    files = !ls
    %%time
    from keras.layers import Dense
    Dense?
    layer = ^Dense(3)
    """
    assert_about(hover(source), "keras.layers.Dense", index)


def test_a_help_request_line_hovers(index) -> None:
    assert_about(hover("from keras import layers\nlayers.^Dense?\n"), "keras.layers.Dense", index)


def test_a_syntax_error_elsewhere_keeps_imports_and_hovers(index) -> None:
    source = """
    import keras
    from keras import layers

    def broken(:
        pass

    model = keras.Sequential([layers.^Dense(3)])
    """
    assert_about(hover(source), "keras.layers.Dense", index)


def test_a_line_that_does_not_parse_still_hovers(index) -> None:
    source = "from keras import layers\nx = layers.^Dense(3, activation=\n"
    assert_about(hover(source), "keras.layers.Dense", index)


def test_kerasq_magic_line_hovers_its_question(index) -> None:
    markdown = hover("%kerasq 1^5\n")
    entry = index.get(15)
    assert markdown is not None and f"Q15 · {entry.title}" in markdown


@pytest.mark.parametrize("line, column", [(-1, 0), (5, 0), (0, -1), (0, 10_000)])
def test_positions_out_of_range_give_none(line: int, column: int) -> None:
    assert hover_markdown("from keras.layers import Dense\n", line, column) is None


def test_utf16_columns_after_astral_characters(index) -> None:
    # "𝐱" is two UTF-16 units: LSP columns after it are one more than code-point indices.
    source = "from keras import layers\ns = '𝐱'; layers.Dense(3)\n"
    column = source.split("\n")[1].index("Dense") + 1  # +1 for the surrogate pair
    assert_about(hover_markdown(source, 1, column), "keras.layers.Dense", index)
    assert hover_markdown(source, 1, 6) is None  # inside the surrogate pair, in the string


def test_every_api_hover_is_short(index) -> None:
    apis = sorted({api for entry in index.entries for api in entry.apis})
    for api in apis:
        source = f"import keras\n{api}\n"
        markdown = hover_markdown(source, 1, len(api) - 1)
        assert markdown is not None, api
        assert len(markdown.splitlines()) <= 25, api


PROBE = """
import json, sys
from kerasq.lsp.hover import hover_markdown
text = "import keras\\nmodel = keras.Sequential([])\\nmodel.compile()\\n"
markdown = hover_markdown(text, 2, 8)
heavy = sorted(m for m in sys.modules if m.split(".")[0] in {"keras", "tensorflow", "jax", "torch"})
print(json.dumps({"hovered": markdown is not None, "heavy": heavy}))
"""


def test_hover_never_imports_keras_or_tensorflow() -> None:
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {"hovered": True, "heavy": []}


def _entry(number: int, apis: tuple[str, ...], pitfalls: tuple[str, ...], exercise: bool = True):
    from kerasq.lsp.bankindex import Entry

    return Entry(number, f"Title {number}", f"Summary of {number}. " * 40, pitfalls, apis, None, exercise, None)


def test_ranking_pitfall_choice_and_layout_on_a_known_bank() -> None:
    from kerasq.lsp.bankindex import BankIndex
    from kerasq.lsp.hover import api_markdown

    bank = BankIndex(
        (
            _entry(3, ("keras.Model", "keras.layers.LSTM"), ("LSTM wants 3-D input.",)),
            _entry(7, ("keras.layers.LSTM", "keras.layers.GRU"), ("Stateful models need shuffle=False.",), exercise=False),
            _entry(9, ("keras.layers.GRU", "keras.layers.LSTM", "keras.Input"), ("GRU first.", "Not about it: LSTMCell.")),
            *(_entry(20 + n, ("keras.Input", "keras.layers.LSTM"), ("x",)) for n in range(5)),
        )
    )
    markdown = api_markdown(bank, "keras.layers.LSTM")
    lines = markdown.split("\n")
    assert lines[0] == "**kerasq** · interview questions on `keras.layers.LSTM`"
    assert "**Q7 · Title 7**" in markdown  # LSTM is first in question 7's apis
    assert "**Pitfall** (Q3): LSTM wants 3-D input." in markdown  # the first pitfall naming LSTM, attributed
    assert markdown.count("\n- Q") == 4 and "- … and 3 more: `%kerasq search LSTM`" in markdown
    assert markdown.index("- Q3 ·") < markdown.index("- Q20 ·")  # same place in the apis list: the lower number first
    assert "Q9 ·" not in markdown  # a longer apis list (a question less focused on LSTM) ranks lower
    assert lines[-1] == "**Practise:** `%kerasq 7` in a notebook · `%kerasq answer 7` for the answer"  # a quiz: no check
    assert "…" in markdown.split("\n\n")[2] and len(markdown.split("\n\n")[2]) <= 330  # the summary is an excerpt
    assert api_markdown(bank, "keras.layers.Dense") is None


def test_jupyterlab_rewritten_magics(index) -> None:
    # What jupyterlab-lsp puts in its virtual document for `%kerasq 15`, `Dense?`, `!pip ...` and `%%time`.
    source = (
        'get_ipython().run_line_magic("load_ext", " kerasq")\n'
        'get_ipython().getoutput("pip install keras")\n'
        '# START_CELL_MAGIC("time", "")\n'
        "from keras.layers import Dense\n"
        "# END_CELL_MAGIC\n"
        "get_ipython().run_line_magic('pinfo', 'Dense')\n"
        "get_ipython().run_line_magic('pinfo2', 'keras.layers.Dense')\n"
        'get_ipython().run_line_magic("kerasq", " 15")\n'
    )
    lines = source.split("\n")
    assert_about(hover_markdown(source, 5, lines[5].index("'Dense'") + 2), "keras.layers.Dense", index)
    assert_about(hover_markdown(source, 6, lines[6].index("Dense'") + 1), "keras.layers.Dense", index)
    assert hover_markdown(source, 5, lines[5].index("pinfo") + 1) is None
    magic = hover_markdown(source, 7, lines[7].index("15"))
    assert magic is not None and f"Q15 · {index.get(15).title}" in magic


def test_one_text_is_analysed_once_even_from_two_threads(monkeypatch) -> None:
    import threading
    import time

    from kerasq.lsp import hover

    calls = []
    real = hover.analyze

    def slow(text, segments):
        calls.append(text)
        time.sleep(0.2)
        return real(text, segments)

    monkeypatch.setattr(hover, "analyze", slow)
    text = "import keras  # analysed once\n"
    results = []
    threads = [threading.Thread(target=lambda: results.append(hover.cached_analysis(text))) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert calls == [text] and results[0] is results[1]
    assert hover.cached_analysis(text) is results[0]
