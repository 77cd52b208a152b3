import { Workspace } from '../workspace/Workspace';
import { LeadView } from './LeadView';
import { useSignedInView } from './route';
import './lead-view.css';

/**
 * The agent workspace is always mounted (phone registration, live calls and sync keep running);
 * the team-lead view is shown over it when the address says `#/lead`.
 */
export function SignedInViews() {
  const lead = useSignedInView() === 'lead';
  return (
    <>
      <div className="view-host" style={{ display: lead ? 'none' : 'contents' }}>
        <Workspace />
      </div>
      {lead && <LeadView />}
    </>
  );
}
