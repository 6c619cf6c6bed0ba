/**
 * The training progress bar, drawn by cli-progress on stderr (it draws nothing
 * when stderr is not a terminal, so logs and CI output stay clean).
 */
import { SingleBar, Presets } from 'cli-progress';
import type { TrainProgress } from './train';

/**
 * A TrainProgress that draws a cli-progress bar with the epoch and the batch loss.
 *
 * @example
 * train(model, x, y, { epochs: 5, batchSize: 64, seed: 1, progress: progressBar() });
 */
export function progressBar(): TrainProgress {
  const bar = new SingleBar(
    {
      format: 'training |{bar}| {percentage}% | epoch {epoch}/{epochs} | batch {value}/{total} | loss {loss} | ETA {eta}s',
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 50,
    },
    Presets.shades_classic,
  );
  let epochs = 0;
  return {
    start(total, nEpochs) {
      epochs = nEpochs;
      bar.start(total, 0, { epoch: 1, epochs, loss: '-' });
    },
    update(done, epoch, loss) {
      bar.update(done, { epoch, epochs, loss: loss.toFixed(4) });
    },
    stop() {
      bar.stop();
    },
  };
}
