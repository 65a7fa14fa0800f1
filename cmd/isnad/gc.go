package main

import (
	"os"
	"runtime/debug"
)

// The Go runtime collects garbage each time the heap has grown by GOGC
// percent (100) over what the last collection kept. extract and ingest
// keep little alive (the articles in flight, the batch being written) and
// allocate much, so at the default they collect very often for very
// little. Measured on the corpus (bench/run): at 400 extract takes about
// a tenth less wall time for about 35 MB more peak memory on two cores;
// compare and the lookups keep the default.
const streamGCPercent = 400

// ingestMemoryLimit is the soft heap limit of an ingest storing batch
// articles per transaction with workers extracting: two to two and a half
// times the most it keeps alive, so that collections stay rare yet the
// peak stays under 300 MB at the default batch on two cores, the written
// pages of the file included. GODEBUG=gctrace=1 on the corpus with two workers showed 38 MB
// alive at a batch of 256, 64 MB at 1024 and 135 MB at 4096; each worker
// adds its scratch memory and its share of the articles queued
// for extraction, so the limit grows with both. At a batch of 1024 a
// base of 64 MiB (144 MiB in all on two cores) took 4.55 s instead of
// 4.74 at 48 MiB, and 80 MiB was no faster. The default batch is now 1536
// (see defaultBatch), and the base is 48 MiB again: 160 MiB in all, under
// which the corpus peaked at 266-275 MB.
func ingestMemoryLimit(batch, workers int) int64 {
	return 48<<20 + int64(batch)*64<<10 + int64(workers)*8<<20
}

// streamingGC sets the collector for a command that streams articles:
// streamGCPercent, and a soft memory limit when limit > 0. GOGC or
// GOMEMLIMIT in the environment wins over each. It returns what puts the
// previous settings back: tests run commands in the test's process.
func streamingGC(limit int64) (restore func()) {
	var undo []func()
	if os.Getenv("GOGC") == "" {
		old := debug.SetGCPercent(streamGCPercent)
		undo = append(undo, func() { debug.SetGCPercent(old) })
	}
	if limit > 0 && os.Getenv("GOMEMLIMIT") == "" {
		old := debug.SetMemoryLimit(limit)
		undo = append(undo, func() { debug.SetMemoryLimit(old) })
	}
	return func() {
		for _, f := range undo {
			f()
		}
	}
}
