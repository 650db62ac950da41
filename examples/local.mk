# examples/: `make demo` runs the main job on the embedded default.
EXTRA_DIST += examples
.PHONY: demo
demo: ifgw
	@IFGW='$(abs_top_builddir)/ifgw' IFGW_DATADIR='$(abs_top_srcdir)' $(SHELL) $(srcdir)/examples/demo.sh
