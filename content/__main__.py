"""`python -m kerasq.content`: validate the bank and print a one-line summary."""

from kerasq.content.bank import load_bank


def main() -> None:
    """Validate every question file and report the counts."""
    bank = load_bank()
    exercises = sum(1 for question in bank.questions if question.has_exercise)
    quizzes = sum(1 for question in bank.questions if question.quiz)
    print(f"{len(bank.questions)} questions, {exercises} exercises, {quizzes} quizzes: all valid")


if __name__ == "__main__":
    main()
