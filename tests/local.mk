# tests/: shared test harness.  Module tests are declared in each module's
# local.mk (tests/unit/test_<module>.c, tests/fuzz/fuzz_<parser>.c).
#
# Fuzz targets: each is one LLVMFuzzerTestOneInput; linked with
# tests/fuzz/standalone_runner.c they run over their corpus in `make check`
# (tests/fuzz/corpus/<name>/) without libFuzzer.
IFGW_FUZZ_RUNNER = tests/fuzz/standalone_runner.c tests/fuzz/fuzz.h
EXTRA_DIST += tests/fuzz/corpus tests/data tests/integration
