import { Component, type ReactNode } from 'react';

interface Props {
  /** names what failed, e.g. the experiment's title */
  what: string;
  /** called before a retry, e.g. to make a failed lazy chunk load again */
  onRetry?: () => void;
  children: ReactNode;
}

/**
 * Keeps the page standing when an experiment's panel throws or its chunk fails to load (offline before
 * the first visit, a deploy that replaced the files): a message and a retry in its place, the header
 * and the other experiments still usable.
 */
export class PanelErrorBoundary extends Component<Props, { error: Error | null }> {
  state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  retry = () => {
    this.props.onRetry?.();
    this.setState({ error: null });
  };

  render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    const chunk =
      /dynamically imported module|Importing a module script failed|Failed to fetch|ChunkLoadError/i.test(
        error.message,
      );
    return (
      <div className="panel-error" role="alert" data-testid="panel-error">
        <strong>
          {this.props.what} could not be {chunk ? 'loaded' : 'drawn'}.
        </strong>
        <p>
          {chunk
            ? 'Its code did not arrive: the network may be down (the lab works offline only after one visit online), or the site was updated.'
            : 'Something in this figure failed; the rest of the lab still works.'}{' '}
          <span className="muted">({error.message})</span>
        </p>
        <button type="button" onClick={this.retry}>
          Retry
        </button>
      </div>
    );
  }
}
