import { Controls } from './Controls';
import { FacePanel } from './FacePanel';
import { Messages } from './Messages';
import { ModelCard } from './ModelCard';
import { Stage } from './Stage';
import { LabelSettings } from './LabelSettings';
import { UserModelPanel } from './UserModelPanel';
import { SourceBar } from './SourceBar';
import { StatusBar } from './StatusBar';
import { useApp, useController } from './context';
import { Announcer } from './classroom/Announcer';
import { ClassroomControls } from './classroom/ClassroomControls';
import { HelpDialog } from './classroom/HelpDialog';
import { MoodPanel } from './classroom/MoodPanel';
import { PresentationBar } from './classroom/PresentationBar';
import { useAppStore } from './classroom/useAppStore';
import { useShortcuts } from './classroom/useShortcuts';

/**
 * Every part of the page sits in a landmark (banner, controls, main, settings, status). On narrow
 * screens CSS shows the picture first and the controls after it.
 */
export function App() {
  const presentation = useApp((s) => s.view.presentation);
  const moodPanel = useApp((s) => s.view.moodPanel);
  useShortcuts(useAppStore(), useController());
  // Presentation mode hides the controls with CSS (not unmounting them), so nothing is lost.
  return (
    <div className={`app${presentation ? ' presentation' : ''}`} data-testid="app" data-presentation={presentation}>
      <header>
        <h1>Emotion Lens</h1>
        <p className="privacy" data-testid="privacy">Runs entirely on this device: no image or result ever leaves it.</p>
        {presentation && <PresentationBar />}
      </header>
      <section className="control-area" aria-label="Controls">
        <Controls more={<ClassroomControls />} />
      </section>
      <main className="main">
        <Messages />
        <SourceBar />
        <div className={`layout${moodPanel ? ' with-mood' : ''}`}>
          <Stage />
          {moodPanel && <MoodPanel />}
          <FacePanel />
        </div>
      </main>
      <section className="settings-row" aria-label="Settings and model">
        <LabelSettings />
        <div id="own-model" className="own-model">
          <UserModelPanel />
        </div>
        <ModelCard />
      </section>
      <footer>
        <StatusBar />
      </footer>
      <HelpDialog />
      <Announcer />
    </div>
  );
}
