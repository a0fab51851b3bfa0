import { Controls } from './Controls';
import { FacePanel } from './FacePanel';
import { Messages } from './Messages';
import { Stage } from './Stage';
import { LabelSettings } from './LabelSettings';
import { UserModelPanel } from './UserModelPanel';
import { StatusBar } from './StatusBar';
import { useApp, useController } from './context';
import { Announcer } from './classroom/Announcer';
import { ClassroomControls } from './classroom/ClassroomControls';
import { HelpDialog } from './classroom/HelpDialog';
import { MoodPanel } from './classroom/MoodPanel';
import { PresentationBar } from './classroom/PresentationBar';
import { useAppStore } from './classroom/useAppStore';
import { useShortcuts } from './classroom/useShortcuts';

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
      <Controls />
      <ClassroomControls />
      <Messages />
      <main className={`layout${moodPanel ? ' with-mood' : ''}`}>
        <Stage />
        {moodPanel && <MoodPanel />}
        <FacePanel />
      </main>
      <div className="settings-row">
        <LabelSettings />
        <UserModelPanel />
      </div>
      <StatusBar />
      <HelpDialog />
      <Announcer />
    </div>
  );
}
