// bluemonday_bench: the bluemonday peer of the libsanitize benchmark.
//
// Built by bench/run.py in GOPATH mode against Debian's packaged sources:
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go build -o DIR/bluemonday_bench bluemonday_bench.go
//
// Policy: bluemonday.UGCPolicy(), unchanged. Protocol (shared by every peer
// runner): flags, then files; one JSON line per file on stdout (see
// docs/performance.md).
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unsafe"

	"github.com/microcosm-cc/bluemonday"
)

const clockProcessCPUTimeID = 2

func cpuMicros() float64 {
	var ts syscall.Timespec
	syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockProcessCPUTimeID, uintptr(unsafe.Pointer(&ts)), 0)
	return float64(ts.Sec)*1e6 + float64(ts.Nsec)/1e3
}

func wallMicros() float64 {
	return float64(time.Now().UnixNano()) / 1e3
}

func peakRSSKB() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return -1
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			f := strings.Fields(line)
			if len(f) >= 2 {
				v, _ := strconv.ParseInt(f[1], 10, 64)
				return v
			}
		}
	}
	return -1
}

func median(v []float64) float64 {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	n := len(s)
	if n == 0 {
		return 0
	}
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

func minimum(v []float64) float64 {
	m := v[0]
	for _, x := range v {
		if x < m {
			m = x
		}
	}
	return m
}

func main() {
	budgetMs := flag.Float64("budget-ms", 300, "CPU time per document, at least")
	maxDocMs := flag.Float64("max-doc-ms", 4000, "stop sampling a document past this much CPU time")
	sampleUs := flag.Float64("sample-us", 2000, "target length of one sample (a batch of calls)")
	minSamples := flag.Int("min-samples", 5, "samples per document, at least")
	maxSamples := flag.Int("max-samples", 2001, "samples per document, at most")
	flag.Parse()

	p := bluemonday.UGCPolicy()
	enc := json.NewEncoder(os.Stdout)
	enc.Encode(map[string]interface{}{"runner": "go", "meta": true, "impl": "bluemonday",
		"go": runtime.Version(), "rss_start_kb": peakRSSKB()})

	for _, path := range flag.Args() {
		in, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		c0, w0 := cpuMicros(), wallMicros()
		out := p.SanitizeBytes(in)
		first, firstWall := cpuMicros()-c0, wallMicros()-w0
		outLen := len(out)
		inconsistent := false
		spent := first
		calls := 1
		per := first
		if first < *sampleUs {
			// Size the batch from warm calls, as every runner does: runs of
			// 1, 2, 4, ... calls until one takes a tenth of a sample (see
			// bench/bench_c.c, warm_per_call).
			for n := 1; ; n *= 2 {
				c0 := cpuMicros()
				for i := 0; i < n; i++ {
					o := p.SanitizeBytes(in)
					if len(o) != outLen {
						inconsistent = true
					}
				}
				c := cpuMicros() - c0
				spent += c
				calls += n
				if c >= *sampleUs/10 {
					per = c / float64(n)
					break
				}
			}
		}
		if per < 0.01 {
			per = 0.01
		}
		batch := int(*sampleUs / per)
		if batch < 1 {
			batch = 1
		}
		var cpu, wall []float64
		if first < *maxDocMs*1000 {
			for len(cpu) < *maxSamples {
				if len(cpu) >= *minSamples && spent >= *budgetMs*1000 {
					break
				}
				if len(cpu) >= 1 && spent+cpu[len(cpu)-1]*float64(batch) > *maxDocMs*1000 {
					break
				}
				c0, w0 := cpuMicros(), wallMicros()
				for i := 0; i < batch; i++ {
					o := p.SanitizeBytes(in)
					if len(o) != outLen {
						inconsistent = true
					}
				}
				c, w := cpuMicros()-c0, wallMicros()-w0
				cpu = append(cpu, c/float64(batch))
				wall = append(wall, w/float64(batch))
				spent += c
				calls += batch
			}
		}
		if len(cpu) == 0 {
			cpu, wall = []float64{first}, []float64{firstWall}
		}
		enc.Encode(map[string]interface{}{
			"runner": "go", "impl": "bluemonday", "mode": "sanitize", "file": path,
			"bytes_in": len(in), "bytes_out": outLen, "ok": true, "inconsistent": inconsistent,
			"samples": len(cpu), "calls": calls, "batch": batch,
			"cpu_median_us": median(cpu), "cpu_min_us": minimum(cpu),
			"wall_median_us": median(wall), "wall_min_us": minimum(wall),
			"peak_rss_kb": peakRSSKB(), "clock": "process_cpu",
		})
	}
}
