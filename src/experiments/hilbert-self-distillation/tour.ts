import type { TourStep } from '../types';
import type { HilbertParams } from './params';
import type { HilbertResults } from './results';

/** The guided tour: the exact rounds first, then the networks, then what the lab found beyond the paper. */
export const tour: readonly TourStep<HilbertParams, HilbertResults>[] = [
  {
    title: 'The kernel behind the regulariser',
    text: 'The ∫f″² regulariser acts through this Green’s function g(x, t): every fit is a sum of such curves, one per data point. Drag the marker t and watch the curve follow it, while it stays zero at x = 0 and x = 1 for every t. Keep those two zeros in mind: they come back at the end of the tour.',
    figure: 'green-function',
    preset: 'fig2c',
  },
  {
    title: 'The process as a diagram (Fig. 1)',
    text: 'The paper’s Fig. 1, drawn from this run: the labels y₀ are fitted, and each fit’s values at the data become the next round’s labels. Inside each round the bars are B_t along the eigen-directions, on a log scale, and the outlined round is the one the round scrubber shows. The last box is the collapse to f = 0.',
    figure: 'round-fits',
    preset: 'fig2c',
    params: { round: 1 },
    schematic: true,
  },
  {
    title: 'Each round refits its own predictions',
    text: 'Round 0 fits the paper’s nine points within ε = 0.04; every later round fits the previous round’s curve instead of the data. Press “play rounds”: each fit f_t is flatter than the one before, and after round 3 the next one would be f = 0.',
    figure: 'round-fits',
    focus: 'present',
    preset: 'fig2c',
  },
  {
    title: 'Small eigen-directions die first',
    text: 'Each bar is B_t along one eigen-direction of the Gram matrix, on a log scale. The largest direction keeps most of its weight (still 0.87 at round 3), while the smallest loses about two orders of magnitude per round: the fit uses fewer and fewer basis functions. The ticks are Prop. 5’s bound from the top bar.',
    figure: 'b-diagonal',
    preset: 'fig3',
  },
  {
    title: 'The collapse, and ε moves it',
    text: 'The solid line is ‖y_t‖²/K, the mean square of each round’s targets; once it drops to ε (dashed) the constraint is met by f = 0 and the solution collapses, here at round 4. Drag ε: at 0.1 only 2 rounds survive, at 0.01 there are 10.',
    figure: 'collapse',
    focus: 'present',
    preset: 'fig2c',
  },
  {
    title: 'Prop. 4: a vacuous guarantee, and √(K·ε)',
    text: 'The table under this chart gives Prop. 4’s guaranteed number of rounds: it divides by κ = d_max/d_min ≈ 4.5·10³ and promises less than 0.001 rounds, while the run lasts 4. The paper prints √K·ε, but its own constraint gives √(K·ε); the table shows both readings, and neither is a useful bound here.',
    figure: 'collapse',
    preset: 'fig2c',
  },
  {
    title: 'Networks lose the original labels round by round',
    text: 'Now an MLP on a Fashion-MNIST subset, each round trained with ℓ2 loss on the previous round’s softmax outputs. Its training accuracy on the original labels falls over the rounds: each round regularises more, as the theory says. Read the test accuracy per round in the table below the chart.',
    figure: 'network-rounds',
    preset: 'fig4',
    waitFor: { label: 'all network rounds have trained', reached: (r) => r.done !== null },
  },
  {
    title: 'Points at x = 0 and 1: no solution at all',
    text: 'This data has points at x = 0 and x = 1, where every g(x, t) is zero, so no function of the space can move there. The banner gives the residual those points leave: it is above ε, so the constrained problem has no solution, not even at round 0. Raise ε above that residual and the rounds come back.',
    figure: 'round-fits',
    preset: 'endpoints',
  },
  {
    title: 'Label mixing α stops the collapse',
    text: 'Beyond the paper: each round’s targets mix in the original labels, y_t = α·y_0 + (1−α)·f_{t−1}, with α = 0.3. ‖y_t‖²/K now levels off well above ε and all 10 rounds are computed without a collapse. Drag α back to 0 to see the collapse at round 4 return.',
    figure: 'collapse',
    focus: 'present',
    preset: 'mixing',
  },
];
