"""The shared kernel: the rules of the civil service that more than one service applies
(NIP, agency hierarchy, which result is current, the newer event wins, competency
levels, the 20 JP arithmetic, the job-person match), each written once, in plain Python.

Every service's domain may import it. It imports nothing of the project and nothing
but the standard library (import-linter checks both; so does a unit test that reads
every module's imports).
"""
