using System.Diagnostics;
using Sdl.Runtime.Data;
using Sdl.Runtime.Devices;
using Sdl.Runtime.Interop;
using Sdl.Runtime.Models;
using Sdl.Runtime.Training.Progress;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sdl.Runtime.Training;

public sealed partial class Trainer
{
    /// <summary>
    /// One call of <see cref="Fit(MultiViewModule, IMultiViewBatchSource, MultiViewDataset?)"/>: what its epochs
    /// share (model, optimiser, data, validator, guard, log) and what they advance (the state and the history).
    /// <see cref="Epochs"/> is the loop; each epoch is trained (<see cref="TrainEpoch"/>), judged
    /// (<see cref="Judge"/>) and committed (<see cref="Commit"/>), and a divergence in the first two sends the
    /// loop back to the last good epoch.
    /// </summary>
    sealed class FitRun
    {
        readonly Trainer trainer;
        readonly MultiViewModule model;
        readonly OptimizerHelper optimizer;
        readonly IMultiViewBatchSource train;
        readonly Device device;
        readonly IReadOnlyList<IReadOnlyList<long>> viewShapes;
        readonly int batchesPerEpoch;
        readonly Validator? validator;
        readonly MetricsLog? log;
        readonly DivergenceGuard? guard;
        long runStep;

        TrainerOptions Options => trainer.options;
        TrainingProgress Progress => trainer.progress;

        /// <summary>The run's state: the record of truth each checkpoint holds.</summary>
        public TrainingState State { get; private set; }
        /// <summary>The epochs' metrics so far (the state's history, plus the epochs trained in this call).</summary>
        public List<EpochMetrics> History { get; private set; }
        /// <summary>Without a checkpoint folder there is no best.ckpt: the best epoch's weights are kept in memory instead.</summary>
        public ModelSnapshot? BestInMemory { get; }
        /// <summary>Completed epochs when the call started (those of the resumed checkpoint; 0 for a new run).</summary>
        public int ResumedAfter { get; }
        /// <summary>Steps of the epoch after <see cref="ResumedAfter"/> already taken by a checkpoint written inside it.</summary>
        int ResumedSteps { get; }
        /// <summary>The epoch count the loop trains to: the options' epochs, or the resumed count when that run had stopped early.</summary>
        int LastEpoch { get; }
        /// <summary>A resumed run that had already stopped early stays stopped: it must not train past its stopping point.</summary>
        bool AlreadyStopped { get; }
        /// <summary>Optimiser steps this call takes when no epoch stops early or is retried.</summary>
        public long RunSteps { get; }
        /// <summary>True when the patience ran out (in this call or in the run resumed).</summary>
        public bool StoppedEarly { get; private set; }
        /// <summary>Wall-clock time of this call's training.</summary>
        public Stopwatch Clock { get; } = Stopwatch.StartNew();

        public FitRun(Trainer trainer, MultiViewModule model, OptimizerHelper optimizer, IMultiViewBatchSource train, Validator? validator, MetricsLog? log, Device device, TrainingState state)
        {
            var options = trainer.options;
            this.trainer = trainer;
            this.model = model;
            this.optimizer = optimizer;
            this.train = train;
            this.validator = validator;
            this.log = log;
            this.device = device;
            viewShapes = ModelEmbeddings.ViewShapes(model.Info);
            batchesPerEpoch = (int)train.BatchesPerEpoch(options.BatchSize);
            guard = options.DivergenceGuard is null ? null : new DivergenceGuard(options.DivergenceGuard);
            BestInMemory = options.RestoreBest && validator is not null && options.CheckpointDirectory is null ? new ModelSnapshot() : null;
            State = state;
            History = state.History.ToList();
            ResumedAfter = state.CompletedEpochs;
            AlreadyStopped = options.Patience is int limit && validator is not null && state.EpochsWithoutImprovement >= limit;
            StoppedEarly = AlreadyStopped;
            LastEpoch = AlreadyStopped ? state.CompletedEpochs : options.Epochs;
            // A checkpoint written inside an epoch (CheckpointEverySteps) resumes at the step after it.
            ResumedSteps = LastEpoch > state.CompletedEpochs ? state.StepsIntoEpoch : 0;
            RunSteps = (long)Math.Max(0, LastEpoch - state.CompletedEpochs) * batchesPerEpoch - ResumedSteps;
        }

        /// <summary>The lines that open a run: leftovers removed, what a resume restored and what is left, the data and device.</summary>
        public void Announce(IReadOnlyList<string> leftovers, IReadOnlyList<string> repairs)
        {
            var options = Options;
            if (leftovers.Count > 0) Progress.Message($"removed {leftovers.Count} temporary file(s) left in {options.CheckpointDirectory} by an interrupted write");
            if (options.Resume)
            {
                Progress.Message($"resumed from {trainer.LastCheckpointPath}: restored the weights, optimiser state and SDL buffers of epoch {ResumedAfter} " +
                                 $"(global step {State.GlobalStep}); " +
                                 (AlreadyStopped ? $"it had stopped early (no better {validator!.ScoreName} for {options.Patience} epochs), nothing left to train"
                                  : ResumedAfter >= options.Epochs ? $"all {options.Epochs} epochs were already done, nothing left to train"
                                  : ResumedSteps > 0 ? $"training epochs {ResumedAfter + 1}–{options.Epochs}, from step {ResumedSteps + 1} of epoch {ResumedAfter + 1}"
                                  : $"training epochs {ResumedAfter + 1}–{options.Epochs}"));
                foreach (var repair in repairs) Progress.Message(repair);
            }
            Progress.Message($"{train.Count:N0} training samples, {batchesPerEpoch} steps of {options.BatchSize} per epoch, on {DeviceSelector.Describe(device)}");
        }

        /// <summary>The epoch loop: train, judge, commit; a divergence restores the last good epoch and the loop retries the one after it.</summary>
        public void Epochs()
        {
            guard?.MarkGood(model, optimizer, State);
            for (int epoch = State.CompletedEpochs; epoch < LastEpoch; epoch++)
            {
                if (TrainEpoch(epoch) is not { } trained || Judge(epoch) is not { } judged)
                {
                    epoch = State.CompletedEpochs - 1; // the loop's increment retries the epoch after the restored one
                    continue;
                }
                if (Commit(epoch, trained, judged)) break;
            }
            if (guard is not null) Progress.Message(guard.Summary(State));
        }

        /// <summary>What an epoch's steps produced: its learning rate, the loss sums, the first step taken in this call, and its clock.</summary>
        sealed record TrainedEpoch(double LearningRate, Dictionary<string, double> LossSums, int FirstStep, double TrainSeconds, Stopwatch Clock);

        /// <summary>What validation said of an epoch: the validation loss terms and score (none without validation data).</summary>
        sealed record JudgedEpoch(IReadOnlyDictionary<string, double> ValidationLoss, double? Score);

        /// <summary>
        /// The optimiser steps of one epoch (continuing an interrupted one where its checkpoint left it); null when a
        /// step blew up and the guard restored the last good epoch (the update was not applied).
        /// </summary>
        TrainedEpoch? TrainEpoch(int epoch)
        {
            var options = Options;
            // Dropout and other random layers draw from libtorch's generator: seed it per epoch
            // so that a resumed run repeats the uninterrupted one exactly.
            random.manual_seed(MiniBatchLoader.EpochSeed(options.Seed, epoch));
            model.train();
            Progress.EpochStarted(epoch, options.Epochs, batchesPerEpoch);

            var sums = new Dictionary<string, double>(StringComparer.Ordinal);
            int firstStep = 0;
            if (epoch == ResumedAfter && ResumedSteps > 0)
            {
                // Continue the interrupted epoch: its loss sums, its generator state, the batches after the last one taken.
                firstStep = ResumedSteps;
                foreach (var (name, value) in State.PartialTrainLoss) sums[name] = value;
                if (State.GeneratorState is byte[] generator)
                {
                    using var saved = tensor(generator, dtype: ScalarType.Byte);
                    random.set_rng_state(saved);
                }
            }
            // The rate this epoch starts at (at its first step not yet taken); a warm-up or a cosine moves it every step below.
            bool perStep = OptimizerFactory.ChangesEveryStep(options);
            double learningRate = OptimizerFactory.LearningRate(options, epoch, firstStep, batchesPerEpoch) * State.LearningRateScale;
            OptimizerFactory.SetLearningRate(optimizer, learningRate);
            double stepRate = learningRate;
            var epochClock = Stopwatch.StartNew();
            // After a recovery the batches come in a fresh order (seeded by the recovery count, so a resume repeats it):
            // a blow-up tied to one batch's samples is not met again in the same place.
            int orderSeed = DivergenceGuard.OrderSeed(options.Seed, State.DivergenceRecoveries);
            using var batches = train.Epoch(epoch, options.BatchSize, orderSeed, device, viewShapes, skipBatches: firstStep).GetEnumerator();
            // One no-GC region across the epoch's steps, renewed as its budget runs low, rather than a full
            // collection per optimiser step (CollectionPause); validation and end-of-epoch checkpoints run outside it.
            string? divergence = null;
            using (CollectionPause.Session())
            {
                for (int step = firstStep; step < batchesPerEpoch; step++)
                {
                    if (perStep && step > firstStep)
                    {
                        stepRate = OptimizerFactory.LearningRate(options, epoch, step, batchesPerEpoch) * State.LearningRateScale;
                        OptimizerFactory.SetLearningRate(optimizer, stepRate);
                    }
                    var (values, blowUp) = trainer.TrainStep(model, optimizer, batches, train, device, epoch, step, State.GlobalStep, guard);
                    if (blowUp is not null)
                    {
                        divergence = $"{blowUp} at epoch {epoch + 1}, step {step + 1}";
                        break;
                    }
                    State = State with { GlobalStep = State.GlobalStep + 1 };
                    foreach (var (name, value) in values) sums[name] = sums.GetValueOrDefault(name) + value;
                    runStep++;
                    Progress.StepCompleted(new StepProgress(epoch, options.Epochs, step, batchesPerEpoch, runStep, RunSteps, values,
                        (step + 1 - firstStep) * options.BatchSize / epochClock.Elapsed.TotalSeconds, Clock.Elapsed) { LearningRate = stepRate });
                    if (options.CheckpointEverySteps is int every && (step + 1) % every == 0 && step + 1 < batchesPerEpoch)
                        trainer.WriteMidEpochCheckpoint(model, optimizer, State with { StepsIntoEpoch = step + 1, PartialTrainLoss = new Dictionary<string, double>(sums) });
                }
            }
            if (divergence is not null)
            {
                Recover(divergence, "the update was not applied");
                return null;
            }
            return new TrainedEpoch(learningRate, sums, firstStep, epochClock.Elapsed.TotalSeconds, epochClock);
        }

        /// <summary>
        /// Validates the epoch's weights; null when the guard saw the score collapse and restored the last good epoch.
        /// A score that cannot be computed is never an improvement: the run fails here, keeping the last good checkpoint.
        /// </summary>
        JudgedEpoch? Judge(int epoch)
        {
            if (validator is null) return new JudgedEpoch(new Dictionary<string, double>(), null);
            var (loss, score) = validator.Evaluate();
            if (guard is not null && guard.CheckScore(score, validator.ScoreName, History) is string collapse)
            {
                Recover(collapse, $"after epoch {epoch + 1}");
                return null;
            }
            if (!double.IsFinite(score))
                throw new NonFiniteMetricException(validator.ScoreName, score, epoch, trainer.ExistingCheckpoint());
            return new JudgedEpoch(loss, score);
        }

        /// <summary>
        /// Commits a trained and judged epoch: its metrics join the history, the state advances, and the run folder is
        /// written in the crash-consistent order (<c>last.ckpt</c>, <c>best.ckpt</c> on improvement, the log line; see
        /// <see cref="Trainer"/>'s remarks). Returns true when the patience ran out and the run stops early.
        /// </summary>
        bool Commit(int epoch, TrainedEpoch trained, JudgedEpoch judged)
        {
            var options = Options;
            double? score = judged.Score;
            bool improved = score is double s && (State.BestScore is not double best || s > best + options.MinImprovement);
            var metrics = new EpochMetrics
            {
                Epoch = epoch,
                GlobalStep = State.GlobalStep,
                LearningRate = trained.LearningRate,
                TrainLoss = trained.LossSums.ToDictionary(kv => kv.Key, kv => kv.Value / batchesPerEpoch),
                ValidationLoss = judged.ValidationLoss,
                ValidationScore = score,
                ValidationScoreName = validator?.ScoreName ?? "",
                Seconds = trained.Clock.Elapsed.TotalSeconds,
                SamplesPerSecond = (batchesPerEpoch - trained.FirstStep) * options.BatchSize / trained.TrainSeconds,
                Improved = improved,
            };
            History.Add(metrics);
            State = State with
            {
                CompletedEpochs = epoch + 1,
                StepsIntoEpoch = 0,
                PartialTrainLoss = new Dictionary<string, double>(),
                GeneratorState = null,
                History = History.ToList(),
                BestScore = improved ? score : State.BestScore,
                BestEpoch = improved ? epoch : State.BestEpoch,
                EpochsWithoutImprovement = improved || score is null ? 0 : State.EpochsWithoutImprovement + 1,
            };

            if (options.CheckpointDirectory is not null)
            {
                // The write order that keeps the three files consistent after a crash (see the Trainer's remarks).
                var checkpoint = TrainingCheckpoint.Serialize(model, optimizer, State);
                string lastPath = trainer.LastCheckpointPath!, bestPath = trainer.BestCheckpointPath!, logPath = trainer.MetricsLogPath!;
                trainer.Write(lastPath, () => TrainingCheckpoint.Write(lastPath, checkpoint, trainer.writer));
                if (improved) trainer.Write(bestPath, () => TrainingCheckpoint.Write(bestPath, checkpoint, trainer.writer));
                trainer.Write(logPath, () => log!.Append(options.RunName, metrics));
            }
            // After the last epoch nothing can fail any more, and its own weights need no copy to be restored.
            if (epoch + 1 < LastEpoch)
            {
                guard?.MarkGood(model, optimizer, State);
                if (improved) BestInMemory?.Capture(model, optimizer: null, State);
            }
            Progress.EpochCompleted(metrics, options.Epochs);

            if (options.Patience is int patience && State.EpochsWithoutImprovement >= patience && epoch + 1 < options.Epochs)
            {
                StoppedEarly = true;
                Progress.Message($"stopping early: no better {validator!.ScoreName} for {patience} epochs (best {State.BestScore:F3} at epoch {State.BestEpoch + 1})");
                return true;
            }
            return false;
        }

        /// <summary>The divergence guard's recovery: the last good weights, optimiser state and history, a lower learning rate, one line.</summary>
        void Recover(string cause, string where)
        {
            var (restored, message) = guard!.Recover(model, optimizer, State, cause, where, trainer.ExistingCheckpoint());
            State = restored;
            History = State.History.ToList();
            Progress.Message(message);
        }
    }
}
