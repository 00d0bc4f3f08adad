import { CanariesSection } from './canaries-section';
import { GateRunsSection } from './gate-runs-section';
import { LabelHistorySection } from './label-history-section';

/** Deploy › Gates: gate runs with verdicts and evidence, gated label history, and canaries. */
export function GatesPage() {
  return (
    <div className="space-y-6 p-4">
      <section>
        <h2 className="mb-2 font-semibold text-lg">Gate runs</h2>
        <GateRunsSection />
      </section>
      <section>
        <h2 className="mb-2 font-semibold text-lg">Canaries</h2>
        <CanariesSection />
      </section>
      <section>
        <h2 className="mb-2 font-semibold text-lg">Label history</h2>
        <LabelHistorySection />
      </section>
    </div>
  );
}
