package main

import (
	"math"
	"runtime/debug"
	"testing"
)

// gcSettings returns the collector's percent and soft memory limit,
// leaving them as they are.
func gcSettings() (percent int, limit int64) {
	percent = debug.SetGCPercent(100)
	debug.SetGCPercent(percent)
	return percent, debug.SetMemoryLimit(-1) // a negative limit only reads it
}

func TestStreamingGC(t *testing.T) {
	tests := []struct {
		name        string
		gogc, limit string // the environment's GOGC and GOMEMLIMIT
		ask         int64  // the limit streamingGC is given
		wantPercent int    // while set, relative to the settings before
		wantLimit   int64  // while set; 0: the limit before
	}{
		{name: "extract", ask: 0, wantPercent: streamGCPercent},
		{name: "ingest", ask: 128 << 20, wantPercent: streamGCPercent, wantLimit: 128 << 20},
		{name: "GOGC wins", gogc: "50", ask: 128 << 20, wantPercent: 0, wantLimit: 128 << 20},
		{name: "GOMEMLIMIT wins", limit: "1GiB", ask: 128 << 20, wantPercent: streamGCPercent},
		{name: "both win", gogc: "off", limit: "1GiB", ask: 128 << 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("GOGC", tt.gogc)
			t.Setenv("GOMEMLIMIT", tt.limit)
			beforePercent, beforeLimit := gcSettings()
			restore := streamingGC(tt.ask)
			percent, limit := gcSettings()
			restore()
			wantPercent, wantLimit := tt.wantPercent, tt.wantLimit
			if wantPercent == 0 {
				wantPercent = beforePercent
			}
			if wantLimit == 0 {
				wantLimit = beforeLimit
			}
			if percent != wantPercent || limit != wantLimit {
				t.Errorf("while set: GC percent %d, limit %d; want %d, %d", percent, limit, wantPercent, wantLimit)
			}
			if p, l := gcSettings(); p != beforePercent || l != beforeLimit {
				t.Errorf("after restore: GC percent %d, limit %d; want %d, %d", p, l, beforePercent, beforeLimit)
			}
		})
	}
}

func TestIngestMemoryLimitGrowsWithTheBatch(t *testing.T) {
	prev := int64(0)
	for _, batch := range []int{1, 256, defaultBatch, 4096, maxBatch} {
		got := ingestMemoryLimit(batch)
		if got <= prev || got >= math.MaxInt64/2 {
			t.Errorf("ingestMemoryLimit(%d) = %d after %d: want a limit that grows with the batch", batch, got, prev)
		}
		prev = got
	}
	if got := ingestMemoryLimit(defaultBatch); got > 200<<20 {
		t.Errorf("ingestMemoryLimit(default) = %d MB: the default ingest must stay under 300 MB", got>>20)
	}
}
