# bench/: `make bench` builds and runs every benchmark.  Each prints lines of
# key=value fields: the figure's name, ours, then the peer or the limit
# measured in the same run, and the ratios.
.PHONY: bench
bench: $(BENCH_PROGS)
	@set -e; for p in $(BENCH_PROGS); do \
	  echo "# $$p" >&2; \
	  IFGW_DATADIR='$(abs_top_srcdir)' top_srcdir='$(abs_top_srcdir)' ./$$p; \
	done; \
	for s in $(BENCH_SHELL); do \
	  echo "# $$s" >&2; \
	  IFGW='$(abs_top_builddir)/ifgw' IFGW_DATADIR='$(abs_top_srcdir)' top_srcdir='$(abs_top_srcdir)' \
	    top_builddir='$(abs_top_builddir)' $(SHELL) $(srcdir)/$$s; \
	done
