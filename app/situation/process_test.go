package situation_test

import (
	"strings"
	"testing"

	"salesplan/app"
	"salesplan/app/situation"
)

func stages(vols []int64, bench []int64) []situation.ProcessStage {
	var out []situation.ProcessStage
	for i, v := range vols {
		s := situation.ProcessStage{Name: []string{"Lead", "Contact", "Visit", "Proposal", "Order"}[i], Volume: v}
		if bench != nil && i > 0 {
			b := bench[i]
			s.BenchmarkBP = &b
		}
		out = append(out, s)
	}
	return out
}

func TestAnalyseProcess(t *testing.T) {
	loc := app.LocaleFor("en_US")
	bench := []int64{0, 6000, 4000, 6000, 3000}
	for _, tc := range []struct {
		name       string
		st         []situation.ProcessStage
		bottleneck int
		rule       string
		words      string
	}{
		{"benchmark shortfall", stages([]int64{1000, 600, 120, 80, 30}, bench), 2, "benchmark", "Contact → Visit converts 20.0%"},
		{"moves with the volume", stages([]int64{1000, 600, 300, 80, 30}, bench), 3, "benchmark", "Visit → Proposal"},
		{"lowest without benchmarks", stages([]int64{1000, 600, 300, 80, 30}, nil), 3, "lowest conversion", "lowest conversion"},
		{"later stage larger", stages([]int64{100, 150, 60}, nil), 2, "lowest conversion", "Contact has more than Lead"},
		{"zeros", stages([]int64{0, 0, 0}, nil), -1, "", "Enter the volume"},
		{"empty", nil, -1, "", "Add the stages"},
	} {
		a := situation.AnalyseProcess(tc.st, loc)
		if a.Bottleneck != tc.bottleneck || a.Rule != tc.rule || !strings.Contains(a.Sentence, tc.words) {
			t.Errorf("%s: bottleneck %d rule %q sentence %q", tc.name, a.Bottleneck, a.Rule, a.Sentence)
		}
	}
	a := situation.AnalyseProcess(stages([]int64{1000, 500, 250}, nil), loc)
	if a.Overall != 0.25 || len(a.Conversions) != 2 || a.Conversions[0].Conversion != 0.5 {
		t.Errorf("conversions %+v overall %v", a.Conversions, a.Overall)
	}
	if errs := (situation.ProcessStage{Name: "x", Volume: -1}).Validate(); len(errs) != 1 || errs[0].Field != "volume" {
		t.Errorf("negative volume: %v", errs)
	}
}
