package situation

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"salesplan/app"
)

// ProcessStage is one stage of the current sales process.
type ProcessStage struct {
	ID          string  `db:"id" json:"id"`
	PlanID      string  `db:"plan_id" json:"-"`
	Position    int     `db:"position" json:"position"`
	Name        string  `db:"name" json:"name"`
	Volume      int64   `db:"volume" json:"volume"`             // how many reached the stage in the stated period
	AvgDays     float64 `db:"avg_days" json:"avg_days"`         // average days spent in the stage
	BenchmarkBP *int64  `db:"benchmark_bp" json:"benchmark_bp"` // expected conversion from the previous stage, basis points; nil = none
}

// DefaultStages is the usual process with typical benchmark conversions
// from the previous stage.
func DefaultStages() []ProcessStage {
	bp := func(v int64) *int64 { return &v }
	return []ProcessStage{
		{Name: "Lead"},
		{Name: "Contact", BenchmarkBP: bp(6000)},
		{Name: "Visit", BenchmarkBP: bp(4000)},
		{Name: "Proposal", BenchmarkBP: bp(6000)},
		{Name: "Order", BenchmarkBP: bp(3000)},
	}
}

// Validate checks a stage.
func (s ProcessStage) Validate() []app.FieldError {
	var errs []app.FieldError
	if strings.TrimSpace(s.Name) == "" {
		errs = append(errs, app.FieldError{Field: "name", Message: "Name the stage, e.g. “Visit”."})
	} else if utf8.RuneCountInString(s.Name) > 80 {
		errs = append(errs, app.FieldError{Field: "name", Message: "Keep the stage name under 80 characters."})
	}
	if s.Volume < 0 {
		errs = append(errs, app.FieldError{Field: "volume", Message: "A volume cannot be negative."})
	}
	if s.AvgDays < 0 || math.IsNaN(s.AvgDays) || s.AvgDays > 3650 {
		errs = append(errs, app.FieldError{Field: "avg_days", Message: "Days must be between 0 and 3650."})
	}
	if s.BenchmarkBP != nil && (*s.BenchmarkBP < 0 || *s.BenchmarkBP > 10000) {
		errs = append(errs, app.FieldError{Field: "benchmark", Message: "A benchmark conversion lies between 0 % and 100 %."})
	}
	return errs
}

// StageConversion is the derived conversion into one stage.
type StageConversion struct {
	Stage      string  `json:"stage"`
	From       string  `json:"from"`
	Conversion float64 `json:"conversion"` // volume ÷ previous volume; NaN when the previous is 0
	Benchmark  float64 `json:"benchmark"`  // NaN when none
	Shortfall  float64 `json:"shortfall"`  // benchmark − conversion (points); NaN without benchmark
	Grows      bool    `json:"grows"`      // more than the previous stage: allowed, flagged
}

// ProcessAnalysis is what the process map derives.
type ProcessAnalysis struct {
	Conversions []StageConversion `json:"conversions"` // one per stage after the first
	Overall     float64           `json:"overall"`     // last ÷ first volume
	TotalDays   float64           `json:"total_days"`
	Bottleneck  int               `json:"bottleneck"` // index into the stages; -1 none
	Rule        string            `json:"rule"`       // "benchmark" or "lowest conversion"
	Sentence    string            `json:"sentence"`
}

// AnalyseProcess derives stage-to-stage and overall conversion and the
// bottleneck: the stage with the largest shortfall against its benchmark,
// or without benchmarks the lowest conversion.
func AnalyseProcess(stages []ProcessStage, loc app.Locale) ProcessAnalysis {
	a := ProcessAnalysis{Bottleneck: -1, Overall: math.NaN()}
	if len(stages) == 0 {
		a.Sentence = "Add the stages of your sales process to see where deals are lost."
		return a
	}
	for _, s := range stages {
		a.TotalDays += s.AvgDays
	}
	if stages[0].Volume > 0 {
		a.Overall = float64(stages[len(stages)-1].Volume) / float64(stages[0].Volume)
	}
	worstShort, worstConv := math.Inf(-1), math.Inf(1)
	short, low := -1, -1
	for i := 1; i < len(stages); i++ {
		prev, cur := stages[i-1], stages[i]
		c := StageConversion{Stage: cur.Name, From: prev.Name, Conversion: math.NaN(), Benchmark: math.NaN(), Shortfall: math.NaN(), Grows: cur.Volume > prev.Volume}
		if prev.Volume > 0 {
			c.Conversion = float64(cur.Volume) / float64(prev.Volume)
		}
		if cur.BenchmarkBP != nil {
			c.Benchmark = float64(*cur.BenchmarkBP) / 10000
			if !math.IsNaN(c.Conversion) {
				c.Shortfall = c.Benchmark - c.Conversion
				if c.Shortfall > worstShort {
					worstShort, short = c.Shortfall, i
				}
			}
		}
		if !math.IsNaN(c.Conversion) && c.Conversion < worstConv {
			worstConv, low = c.Conversion, i
		}
		a.Conversions = append(a.Conversions, c)
	}
	pct := loc.Percent
	switch {
	case short >= 0:
		a.Bottleneck, a.Rule = short, "benchmark"
		c := a.Conversions[short-1]
		if c.Shortfall <= 0 {
			a.Sentence = fmt.Sprintf("Every stage meets its benchmark; the tightest is %s → %s at %s (benchmark %s).", c.From, c.Stage, pct(c.Conversion), pct(c.Benchmark))
		} else {
			a.Sentence = fmt.Sprintf("Bottleneck: %s → %s converts %s against a benchmark of %s, the largest shortfall (rule: largest shortfall against the benchmark).",
				c.From, c.Stage, pct(c.Conversion), pct(c.Benchmark))
		}
	case low >= 0:
		a.Bottleneck, a.Rule = low, "lowest conversion"
		c := a.Conversions[low-1]
		a.Sentence = fmt.Sprintf("Bottleneck: %s → %s converts only %s, the lowest conversion (rule: no benchmarks set, so the lowest conversion).", c.From, c.Stage, pct(c.Conversion))
	default:
		a.Sentence = "Enter the volume at each stage to compute the conversions."
	}
	for _, c := range a.Conversions {
		if c.Grows {
			a.Sentence += fmt.Sprintf(" Note: %s has more than %s — check the figures or the period.", c.Stage, c.From)
			break
		}
	}
	return a
}

// Clean trims the stage's name before it is saved.
func (s *ProcessStage) Clean() { s.Name = strings.TrimSpace(s.Name) }
