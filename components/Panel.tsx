import type { ComponentChildren } from 'preact';

/**
 * One section of the options page in the look of a Bootstrap 3 panel, as WHM's own pages
 * have them (assets/whm-style.css): a heading that names the section for screen readers
 * (`aria-labelledby`), then the body, a table or a footer the caller puts in.
 */
export function Panel({ titleId, title, testId, children }: { titleId: string; title: string; testId?: string; children: ComponentChildren }) {
  return (
    <section class="tw-panel" aria-labelledby={titleId} data-testid={testId}>
      <div class="tw-panel-heading">
        <h2 id={titleId} class="tw-panel-title">
          {title}
        </h2>
      </div>
      {children}
    </section>
  );
}
