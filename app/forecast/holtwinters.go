package forecast

import (
	"math"

	"gonum.org/v1/gonum/optimize"
)

// hwSpec selects a Holt-Winters variant.
type hwSpec struct {
	mul    bool // multiplicative seasonality (additive when false)
	damped bool // damped trend (phi fitted); phi = 1 when false
}

// Bounds of the damping parameter, as recommended by Hyndman & Athanasopoulos.
const (
	phiLo = 0.80
	phiHi = 0.98
)

// nmBudget bounds one Nelder-Mead run.
type nmBudget struct {
	simplex float64 // initial simplex size in logit units
	evals   int     // maximum function evaluations
	iters   int     // stop after iters·dim iterations without a relative gain of rel
	rel     float64
}

// coldBudget is used at the first backtest origin: it explores from textbook
// starting values with a wide simplex.
func coldBudget() nmBudget { return nmBudget{simplex: 1.0, evals: 240, iters: 2, rel: 1e-5} }

// warmBudget is used at later origins, which start from the previous
// origin's optimum: one more month of data moves the optimum only a little,
// so a narrow simplex and a small budget suffice (the chain of warm starts
// keeps refining the optimum from origin to origin).
func warmBudget() nmBudget { return nmBudget{simplex: 0.25, evals: 40, iters: 1, rel: 1e-4} }

// finalBudget is used for the chosen method's fit on the whole history,
// started from the last origin's optimum.
func finalBudget() nmBudget { return nmBudget{simplex: 0.5, evals: 150, iters: 2, rel: 1e-5} }

// hwModel holds the classical initial state of a series for one variant and
// scratch space for the recursions. It is not safe for concurrent use.
type hwModel struct {
	spec hwSpec
	p    int
	l0   float64
	b0   float64
	s0   []float64 // initial seasonal indices, position t mod p
	s    []float64 // working seasonal ring
	y    []float64 // training data of the current optimisation
	// state after run
	level, trend float64
}

// newHWModel computes the classical initial level, trend and seasonal indices
// from the first two seasons of y (len(y) ≥ 2p): the level is the first
// season's mean moved back to just before the first month, the trend is the
// difference of the two seasons' means divided by p, and each seasonal index
// is the average over the two seasons of the month's ratio (or difference) to
// its season's trend line, normalised to mean 1 (or 0).
func newHWModel(spec hwSpec, y []float64, p int) *hwModel {
	m := &hwModel{spec: spec, p: p, s0: make([]float64, p), s: make([]float64, p)}
	a0, a1 := 0.0, 0.0
	for i := 0; i < p; i++ {
		a0 += y[i]
		a1 += y[p+i]
	}
	a0 /= float64(p)
	a1 /= float64(p)
	m.b0 = (a1 - a0) / float64(p)
	m.l0 = a0 - m.b0*float64(p+1)/2
	mid := float64(p-1) / 2
	mean := 0.0
	for i := 0; i < p; i++ {
		v := 0.0
		for j, a := range [2]float64{a0, a1} {
			base := a + m.b0*(float64(i)-mid)
			x := y[i+j*p]
			if spec.mul {
				if !(base > 0) {
					base = a
				}
				v += x / base
			} else {
				v += x - base
			}
		}
		m.s0[i] = v / 2
		mean += m.s0[i]
	}
	mean /= float64(p)
	for i := range m.s0 {
		if spec.mul {
			m.s0[i] /= mean
		} else {
			m.s0[i] -= mean
		}
	}
	return m
}

// logistic maps the real line onto (0, 1).
func logistic(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

// logit is the inverse of logistic.
func logit(p float64) float64 { return math.Log(p / (1 - p)) }

// params maps the unconstrained optimisation vector to alpha, beta, gamma in
// (0, 1) and phi in (phiLo, phiHi) (phi = 1 without damping).
func (m *hwModel) params(x []float64) (a, b, g, phi float64) {
	a, b, g, phi = logistic(x[0]), logistic(x[1]), logistic(x[2]), 1
	if m.spec.damped {
		phi = phiLo + (phiHi-phiLo)*logistic(x[3])
	}
	return
}

// startX returns the textbook starting point alpha 0.3, beta 0.1, gamma 0.1,
// phi 0.9 in optimisation coordinates.
func (m *hwModel) startX() []float64 {
	x := []float64{logit(0.3), logit(0.1), logit(0.1)}
	if m.spec.damped {
		x = append(x, logit((0.9-phiLo)/(phiHi-phiLo)))
	}
	return x
}

// hwPenalty is returned (scaled) when the multiplicative recursion breaks
// down; it is far above any real SSE of data normalised to |y| ≤ 1.
const hwPenalty = 1e6

// run filters y with the given parameters from the initial state and returns
// the in-sample one-step sum of squared errors. The final state is left in
// m.level, m.trend and m.s. ok is false when the multiplicative recursion hit
// a non-positive level or seasonal index; sse is then a penalty that grows the
// earlier the breakdown happened.
func (m *hwModel) run(y []float64, a, b, g, phi float64) (sse float64, ok bool) {
	p := m.p
	copy(m.s, m.s0)
	l, tr := m.l0, m.b0
	s := m.s
	j := 0
	n := len(y)
	const tiny = 1e-9
	for t, v := range y {
		st := s[j]
		lb := l + phi*tr
		var ln float64
		if m.spec.mul {
			if !(st > tiny) || !(lb > tiny) {
				return hwPenalty * (1 + float64(n-t)/float64(n)), false
			}
			e := v - lb*st
			sse += e * e
			ln = a*(v/st) + (1-a)*lb
			if !(ln > tiny) {
				return hwPenalty * (1 + float64(n-t)/float64(n)), false
			}
			s[j] = g*(v/ln) + (1-g)*st
		} else {
			e := v - (lb + st)
			sse += e * e
			ln = a*(v-st) + (1-a)*lb
			s[j] = g*(v-ln) + (1-g)*st
		}
		tr = b*(ln-l) + (1-b)*phi*tr
		l = ln
		j++
		if j == p {
			j = 0
		}
	}
	m.level, m.trend = l, tr
	if math.IsNaN(sse) || math.IsInf(sse, 0) {
		return 2 * hwPenalty, false
	}
	return sse, true
}

// objective is the function minimised by Nelder-Mead.
func (m *hwModel) objective(x []float64) float64 {
	a, b, g, phi := m.params(x)
	sse, _ := m.run(m.y, a, b, g, phi)
	return sse
}

// fit minimises the in-sample one-step SSE on y with gonum's Nelder-Mead,
// starting at x0 within budget b, and returns the best point found (x0 when
// the optimiser fails).
func (m *hwModel) fit(y, x0 []float64, b nmBudget) []float64 {
	m.y = y
	res := minimizeNM(m.objective, x0, b)
	m.y = nil
	best := make([]float64, len(x0))
	copy(best, x0)
	for _, v := range res {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return best
		}
	}
	// Keep the logistic away from exact 0/1 so later warm starts can move.
	for i, v := range res {
		best[i] = math.Max(-30, math.Min(30, v))
	}
	return best
}

// minimizeNM minimises f with gonum's optimize.NelderMead from x0 and returns
// the best vertex. It stops, as optimize.Minimize would with the same
// settings, after b.evals evaluations or when optimize.FunctionConverge
// (relative gain b.rel over b.iters·dim iterations) says so.
//
// It drives the method through the exported optimize.Method contract
// (Init, Run, Task operations, PostIteration to stop) rather than through
// optimize.Minimize, because Minimize passes every evaluation through a
// pipeline of four goroutines. For a Holt-Winters recursion over a few dozen
// months that hand-off costs several times the evaluation itself, and
// parallel fits then queue on the Go scheduler's lock. Here each evaluation
// is one hand-off to the method's goroutine and one back, which halves the
// cost of a fit without changing the algorithm or its stopping rules.
func minimizeNM(f func([]float64) float64, x0 []float64, b nmBudget) []float64 {
	dim := len(x0)
	nm := &optimize.NelderMead{SimplexSize: b.simplex}
	nm.Init(dim, 1)
	conv := &optimize.FunctionConverge{Absolute: 1e-12, Relative: b.rel, Iterations: b.iters * dim}
	conv.Init(dim)
	ops := make(chan optimize.Task, 1)
	results := make(chan optimize.Task, 1)
	start := &optimize.Location{X: append([]float64(nil), x0...)}
	go nm.Run(ops, results, []optimize.Task{{Op: optimize.NoOperation, Location: start}})

	best := append([]float64(nil), x0...)
	evals := 0
	stopped := false
	stop := func() {
		// The method is waiting for this reply; after PostIteration it
		// drains results until closed, then closes ops.
		stopped = true
		results <- optimize.Task{Op: optimize.PostIteration}
		close(results)
	}
	for task := range ops {
		if stopped {
			continue
		}
		switch task.Op {
		case optimize.FuncEvaluation:
			task.F = f(task.X)
			evals++
			if evals >= b.evals {
				stop()
				continue
			}
		case optimize.MajorIteration:
			// The location is the simplex's best vertex.
			copy(best, task.X)
			if conv.Converged(task.Location) != optimize.NotTerminated {
				stop()
				continue
			}
		case optimize.MethodDone:
			// The method gave up (a non-finite start): it waits for
			// PostIteration like any other stop.
			stop()
			continue
		default:
			stop()
			continue
		}
		results <- task
	}
	return best
}

// forecast filters y with parameters x and writes len(out) forecasts.
func (m *hwModel) forecast(y, x []float64, out []float64) {
	a, b, g, phi := m.params(x)
	if _, ok := m.run(y, a, b, g, phi); !ok {
		// The recursion broke down (possible only for multiplicative
		// models on extreme data): fall back to seasonal naive.
		snaiveForecast(y, m.p, out)
		return
	}
	n := len(y)
	damp := 0.0
	pw := 1.0
	for i := range out {
		pw *= phi
		damp += pw
		base := m.level + damp*m.trend
		st := m.s[(n+i)%m.p]
		if m.spec.mul {
			out[i] = base * st
		} else {
			out[i] = base + st
		}
	}
}
