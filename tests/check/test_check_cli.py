"""`kerasq check FILE.py N`: exit 0 pass, 1 fail, 2 usage error."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from kerasq.cli import main

pytestmark = pytest.mark.keras

GOOD = """import keras
from keras import layers

model = keras.Sequential([keras.Input(shape=(1,)), layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy")

%kerasq check 9
!echo this shell line is skipped too
"""


def write(tmp_path, text: str, name: str = "practice.py"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_correct_file_passes(tmp_path, capsys) -> None:
    assert main(["check", write(tmp_path, GOOD), "9"]) == 0
    assert "Question 9 passed" in capsys.readouterr().out


def test_wrong_file_fails_with_the_reason(tmp_path, capsys) -> None:
    assert main(["check", write(tmp_path, GOOD.replace('"adam"', '"sgd"')), "9"]) == 1
    assert "expected the adam optimizer, found sgd" in capsys.readouterr().out


def test_syntax_error(tmp_path, capsys) -> None:
    assert main(["check", write(tmp_path, "model = keras.Sequential([\n"), "9"]) == 1
    out = capsys.readouterr().out
    assert "practice.py does not parse: SyntaxError" in out and "line 1" in out and "Traceback" not in out


def test_missing_target(tmp_path, capsys) -> None:
    assert main(["check", write(tmp_path, GOOD.replace("model", "net")), "9"]) == 1
    out = capsys.readouterr().out
    assert "`model` is not defined" in out and "net (a keras Sequential model)" in out


def test_runtime_error_names_the_file_line(tmp_path, capsys) -> None:
    assert main(["check", write(tmp_path, "import keras\nmodel = keras.Sequential([keras.layers.Dense()])\n"), "9"]) == 1
    out = capsys.readouterr().out
    assert "running practice.py raised TypeError" in out and "practice.py, line 2: model = keras.Sequential" in out


def test_local_imports_work_like_python_file(tmp_path, capsys) -> None:
    write(tmp_path, "import keras\nfrom keras import layers\ndef build():\n    m = keras.Sequential([keras.Input((1,)), "
                    "layers.Dense(1, activation='sigmoid')])\n    m.compile(optimizer='adam', loss='binary_crossentropy')\n"
                    "    return m\n", "helpers_for_kerasq_test.py")
    assert main(["check", write(tmp_path, "from helpers_for_kerasq_test import build\nmodel = build()\n"), "9"]) == 0
    sys.modules.pop("helpers_for_kerasq_test", None)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["check", "{missing}", "9"], "is not a file"),
        (["check", "{good}", "999"], "no question 999"),
        (["check", "{good}", "nine"], "'nine' is not a question number"),
        (["check", "{good}", "2"], "question 2 is conceptual"),
    ],
)
def test_usage_errors_exit_2(argv, message, tmp_path, capsys) -> None:
    good = write(tmp_path, GOOD)
    argv = [item.format(missing=str(tmp_path / "nope.py"), good=good) for item in argv]
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_missing_arguments_exit_2(capsys) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["check"])
    assert stopped.value.code == 2


def test_the_installed_command(tmp_path) -> None:
    script = os.path.join(os.path.dirname(sys.executable), "kerasq")
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    wrong = subprocess.run([script, "check", write(tmp_path, GOOD.replace("sigmoid", "relu")), "9"],
                           capture_output=True, text=True, env=env, timeout=300)
    assert wrong.returncode == 1 and "expected activation sigmoid, found relu" in wrong.stdout
    assert "Traceback" not in wrong.stdout + wrong.stderr
