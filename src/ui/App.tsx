import { Controls } from './Controls';
import { FacePanel } from './FacePanel';
import { Messages } from './Messages';
import { Stage } from './Stage';
import { UserModelPanel } from './UserModelPanel';
import { StatusBar } from './StatusBar';

export function App() {
  return (
    <div className="app">
      <header>
        <h1>Emotion Lens</h1>
        <p className="privacy">Runs entirely on this device: no image or result ever leaves it.</p>
      </header>
      <Controls />
      <Messages />
      <main className="layout">
        <Stage />
        <FacePanel />
      </main>
      <UserModelPanel />
      <StatusBar />
    </div>
  );
}
