import { useState } from 'react';
import { Link } from 'react-router';
import { useLanguage } from '../../format/language';
import type { RouterOutputs } from '../../trpc';
import { IndicatorForm } from './IndicatorForm';
import { RevisionForm } from './RevisionForm';
import { type ThingFields, ThingForm, type ThingLevel } from './ThingForm';
import { usePlanEdit } from './usePlanEdit';

type Outline = RouterOutputs['planEditor']['outline'];
type Level = ThingLevel | 'indicator';

/** The form open in the outline, at most one: adding under a parent, editing a thing, or revising a target. */
type Open =
  | { kind: 'add'; level: Level; parent?: string }
  | { kind: 'edit'; level: Level; code: string }
  | { kind: 'revise'; code: string };

interface Props {
  outline: Outline;
  /** The planning office edits; a bureau head proposes (with a reason), for their own department. */
  proposes: boolean;
  departments: string[];
  onMessage: (message: string) => void;
}

/** The plan as a tree, each thing with what may be done to it, and the one open form in its place. */
export function OutlineTree({ outline, proposes, departments, onMessage }: Props) {
  const { t, language } = useLanguage();
  const [open, setOpen] = useState<Open | null>(null);
  const edit = usePlanEdit({ proposes });
  const confirmed = outline.status === 'confirmed';
  const year = outline.year;
  const done = (message: string) => {
    setOpen(null);
    if (message) onMessage(message);
  };
  const isOpen = (o: Open) => JSON.stringify(open) === JSON.stringify(o);

  async function leave(kind: 'retire' | 'remove', level: Level, code: string) {
    if (!window.confirm(t(kind === 'retire' ? 'plan.retireConfirm' : 'plan.removeConfirm', { code }))) return;
    // A bureau head's request carries its reason to the planning office.
    const reason = proposes ? window.prompt(t('plan.reason')) : '';
    if (reason === null) return;
    if (await edit.run(kind, { year, level, code }, reason))
      onMessage(proposes ? t('plan.proposed') : t('plan.saved'));
    else onMessage('');
  }

  const common = { year, proposes, departments, onDone: done };

  function actions(level: Level, code: string, retiredAt: string | null, child?: Level) {
    if (retiredAt) return <span className="plan-retired">{t('plan.retired')}</span>;
    return (
      <span className="plan-actions">
        <button type="button" className="link-button" onClick={() => setOpen({ kind: 'edit', level, code })}>
          {t('plan.edit')}
          <span className="visually-hidden"> {code}</span>
        </button>
        {child && (
          <button
            type="button"
            className="link-button"
            onClick={() => setOpen({ kind: 'add', level: child, parent: code })}
          >
            {t(`plan.addLevel.${child}`)}
            <span className="visually-hidden"> ({code})</span>
          </button>
        )}
        {level === 'project' && (
          <button
            type="button"
            className="link-button"
            onClick={() => setOpen({ kind: 'add', level: 'milestone', parent: code })}
          >
            {t('plan.addLevel.milestone')}
            <span className="visually-hidden"> ({code})</span>
          </button>
        )}
        {level === 'indicator' && confirmed && (
          <button type="button" className="link-button" onClick={() => setOpen({ kind: 'revise', code })}>
            {t('plan.revise')}
            <span className="visually-hidden"> {code}</span>
          </button>
        )}
        <button type="button" className="link-button" onClick={() => leave('retire', level, code)}>
          {t('plan.retire')}
          <span className="visually-hidden"> {code}</span>
        </button>
        {!confirmed && (
          <button type="button" className="link-button danger" onClick={() => leave('remove', level, code)}>
            {t('plan.remove')}
            <span className="visually-hidden"> {code}</span>
          </button>
        )}
      </span>
    );
  }

  const thingForm = (
    level: ThingLevel,
    code: string | undefined,
    parent: string | undefined,
    initial?: ThingFields,
  ) => <ThingForm {...common} level={level} code={code} parent={parent} initial={initial} />;

  return (
    <div className="plan-outline">
      {edit.failure && (
        <p className="plan-form-failure" role="alert">
          {edit.failure}
        </p>
      )}
      {outline.sectors.length === 0 && <p className="state state-empty">{t('plan.empty')}</p>}
      <ul className="plan-tree">
        {outline.sectors.map((sector) => (
          <li
            key={sector.code}
            data-level="sector"
            data-code={sector.code}
            className={sector.retiredAt ? 'retired' : ''}
          >
            <span className="plan-node">
              <span className="code">{sector.code}</span> {sector.fields.name[language]}
              {actions('sector', sector.code, sector.retiredAt, 'strategy')}
            </span>
            {isOpen({ kind: 'edit', level: 'sector', code: sector.code }) &&
              thingForm('sector', sector.code, undefined, sector.fields)}
            {isOpen({ kind: 'add', level: 'strategy', parent: sector.code }) &&
              thingForm('strategy', undefined, sector.code)}
            <ul>
              {sector.strategies.map((strategy) => (
                <li key={strategy.code} data-level="strategy" data-code={strategy.code}>
                  <span className="plan-node">
                    <span className="code">{strategy.code}</span> {strategy.fields.name[language]}
                    {actions('strategy', strategy.code, strategy.retiredAt, 'project')}
                  </span>
                  {isOpen({ kind: 'edit', level: 'strategy', code: strategy.code }) &&
                    thingForm('strategy', strategy.code, undefined, strategy.fields)}
                  {isOpen({ kind: 'add', level: 'project', parent: strategy.code }) &&
                    thingForm('project', undefined, strategy.code)}
                  <ul>
                    {strategy.projects.map((project) => (
                      <li key={project.code} data-level="project" data-code={project.code}>
                        <span className="plan-node">
                          <span className="code">{project.code}</span> {project.fields.name[language]}
                          {actions('project', project.code, project.retiredAt, 'indicator')}
                        </span>
                        {isOpen({ kind: 'edit', level: 'project', code: project.code }) &&
                          thingForm('project', project.code, undefined, project.fields)}
                        {isOpen({ kind: 'add', level: 'indicator', parent: project.code }) && (
                          <IndicatorForm {...common} confirmed={confirmed} project={project.code} />
                        )}
                        {isOpen({ kind: 'add', level: 'milestone', parent: project.code }) &&
                          thingForm('milestone', undefined, project.code)}
                        <ul>
                          {project.indicators.map((indicator) => (
                            <li key={indicator.code} data-level="indicator" data-code={indicator.code}>
                              <span className="plan-node">
                                <span className="plan-kind">{t('plan.level.indicator')}</span>
                                {/* Its page, of this plan's year: a draft's is asked for with drafts. */}
                                <Link
                                  className="code"
                                  to={`/indicators/${indicator.code}?year=${year}${confirmed ? '' : '&drafts=1'}`}
                                >
                                  {indicator.code}
                                </Link>{' '}
                                {indicator.fields.name[language]}
                                {actions('indicator', indicator.code, indicator.retiredAt)}
                              </span>
                              {isOpen({ kind: 'edit', level: 'indicator', code: indicator.code }) && (
                                <IndicatorForm
                                  {...common}
                                  confirmed={confirmed}
                                  code={indicator.code}
                                  initial={indicator.fields}
                                />
                              )}
                              {isOpen({ kind: 'revise', code: indicator.code }) && (
                                <RevisionForm
                                  year={year}
                                  code={indicator.code}
                                  fields={indicator.fields}
                                  onDone={done}
                                />
                              )}
                            </li>
                          ))}
                          {project.milestones.map((milestone) => (
                            <li key={milestone.code} data-level="milestone" data-code={milestone.code}>
                              <span className="plan-node">
                                <span className="plan-kind">{t('plan.level.milestone')}</span>
                                <span className="code">{milestone.code}</span>{' '}
                                {milestone.fields.name[language]}{' '}
                                <span className="muted">{milestone.fields.plannedDate}</span>
                                {actions('milestone', milestone.code, milestone.retiredAt)}
                              </span>
                              {isOpen({ kind: 'edit', level: 'milestone', code: milestone.code }) &&
                                thingForm('milestone', milestone.code, undefined, milestone.fields)}
                            </li>
                          ))}
                        </ul>
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {!proposes && (
        <p>
          <button type="button" onClick={() => setOpen({ kind: 'add', level: 'sector' })}>
            {t('plan.addLevel.sector')}
          </button>
        </p>
      )}
      {isOpen({ kind: 'add', level: 'sector' }) && thingForm('sector', undefined, undefined)}
    </div>
  );
}
