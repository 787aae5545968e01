import BopsDiagnostics

func mark(_ line: Int, _ column: Int) -> Mark { Mark(line: line, column: column) }
