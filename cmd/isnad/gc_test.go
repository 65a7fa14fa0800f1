package main

import (
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

func TestIngestMemoryLimitGrows(t *testing.T) {
	tests := []struct {
		name                 string
		batch, workers       int
		moreBatch, moreWorks bool // compared with the case before
	}{
		{name: "one", batch: 1, workers: 1},
		{name: "small batch", batch: 256, workers: 1, moreBatch: true},
		{name: "default batch", batch: defaultBatch, workers: 1, moreBatch: true},
		{name: "two workers", batch: defaultBatch, workers: 2, moreWorks: true},
		{name: "many workers", batch: defaultBatch, workers: 48, moreWorks: true},
		{name: "largest batch", batch: maxBatch, workers: 48, moreBatch: true},
	}
	prev := int64(0)
	for _, tt := range tests {
		got := ingestMemoryLimit(tt.batch, tt.workers)
		if (tt.moreBatch || tt.moreWorks) && got <= prev {
			t.Errorf("%s: ingestMemoryLimit(%d, %d) = %d, not more than %d before", tt.name, tt.batch, tt.workers, got, prev)
		}
		prev = got
	}
	// The default ingest on two cores peaks at about 270 MB with the
	// file's pages: its heap must stay near what was measured.
	if got := ingestMemoryLimit(defaultBatch, 2); got > 160<<20 {
		t.Errorf("ingestMemoryLimit(default, 2) = %d MB: the default ingest must stay under 300 MB", got>>20)
	}
}
