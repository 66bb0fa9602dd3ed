using System.Collections.Generic;
using System.Linq;
using Sdl.Dsl;
using Sdl.Generators.Diagnostics;
using Sdl.Generators.Model;

namespace Sdl.Generators.Parsing
{
    /// <summary>Checks that the views fit the objective (counts, sizes, hyperparameters) and adds the objective's implicit taps.</summary>
    internal static class ObjectiveChecks
    {
        public static List<ViewSpec> Check(
            string model, ObjectiveSpec objective, AttributeReader attribute,
            List<ViewSpec> views, List<LocationInfo?> viewLocations, List<DiagnosticInfo> diagnostics)
        {
            string name = attribute.ShortName;
            void Negative(string property, double value)
            {
                if (!SdlRules.IsNonNegative(value)) diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NegativeWeight, attribute.Location, $"{property} of [{name}]", value));
            }
            void ViewCount(string needed, bool ok)
            {
                if (!ok) diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WrongViewCount, attribute.Location, name, needed, model, views.Count));
            }

            Negative("Lambda", objective.Lambda);
            // A switch expression over the kind without a discard arm: a new objective kind fails the build here (CS8509).
            System.Action check = objective.Kind switch
            {
                ObjectiveKind.SoftCca or ObjectiveKind.DccaEy => () =>
                {
                    ViewCount("at least 2", views.Count >= 2);
                    RequireEqualEmbeddings(name, views.Select(v => (v.Name, v.EmbeddingSize)).ToList(), viewLocations, diagnostics);
                },
                ObjectiveKind.Dcca => () =>
                {
                    var dcca = (DccaSpec)objective;
                    ViewCount("exactly 2", views.Count == 2);
                    Negative("Ridge", dcca.Ridge);
                    // DccaLoss inverts through the floor: it must be > 0, the same rule the runtime applies to ModelOptions.
                    if (!SdlRules.IsPositive(dcca.EigenvalueFloor))
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotPositive, attribute.Location, "EigenvalueFloor of [Dcca]", dcca.EigenvalueFloor));
                    var known = views.Where(v => v.EmbeddingSize > 0).Select(v => v.EmbeddingSize).ToList();
                    if (dcca.TopK < 0 || (dcca.TopK > 0 && known.Count > 0 && dcca.TopK > known.Min()))
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidSize, attribute.Location, "TopK of [Dcca]", dcca.TopK,
                            "0 (all) or between 1 and the smaller embedding size"));
                    if (dcca.BatchSize < 0)
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidSize, attribute.Location, "BatchSize of [Dcca]", dcca.BatchSize, "0 (unknown) or a positive integer"));
                    // Exact DCCA inverts k×k covariances estimated from m samples: below m ≈ 2k they are near singular.
                    // One warning names the widest view.
                    var widest = views.OrderByDescending(v => v.EmbeddingSize).FirstOrDefault();
                    if (widest is not null && dcca.BatchSize > 0 && 2 * widest.EmbeddingSize > dcca.BatchSize)
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DccaBatchTooSmall, attribute.Location, widest.Name, widest.EmbeddingSize, dcca.BatchSize));
                },
                ObjectiveKind.Fae => () =>
                {
                    var fae = (FaeSpec)objective;
                    ViewCount("at least 2", views.Count >= 2);
                    Negative("Beta", fae.Beta);
                    if (fae.Shared <= 0)
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidSize, attribute.Location, "Shared of [Fae]", fae.Shared, "a positive integer"));
                    if (fae.Private < 0)
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidSize, attribute.Location, "Private of [Fae]", fae.Private, "zero or more"));
                    if (fae.Shared > 0 && fae.Private >= 0)
                        views = views.Select((v, i) => CheckFaeView(v, fae, viewLocations[i], diagnostics)).ToList();
                },
                ObjectiveKind.Supervised => () =>
                {
                    var supervised = (SupervisedSpec)objective;
                    ViewCount("exactly 1", views.Count == 1);
                    if (supervised.Classes < 2)
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidSize, attribute.Location, "Classes of [Supervised]", supervised.Classes, "at least 2"));
                    else
                        for (int i = 0; i < views.Count; i++)
                            if (views[i].EmbeddingSize > 0 && views[i].EmbeddingSize != supervised.Classes)
                                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LogitsMismatch, viewLocations[i], views[i].Name, views[i].EmbeddingSize, supervised.Classes));
                },
                ObjectiveKind.Custom => () =>
                {
                    var custom = (CustomSpec)objective;
                    bool fits = views.Count >= custom.MinViews && (custom.MaxViews <= 0 || views.Count <= custom.MaxViews);
                    ViewCount(custom.MaxViews == custom.MinViews ? $"exactly {custom.MinViews}" : custom.MaxViews > 0 ? $"{custom.MinViews} to {custom.MaxViews}" : $"at least {custom.MinViews}", fits);
                    if (custom.EqualEmbeddings)
                        RequireEqualEmbeddings(name, views.Select(v => (v.Name, v.EmbeddingSize)).ToList(), viewLocations, diagnostics);
                },
            };
            check();
            return views;
        }

        private static void RequireEqualEmbeddings(string objective, List<(string Name, long Size)> views, List<LocationInfo?> locations, List<DiagnosticInfo> diagnostics)
        {
            int reference = views.FindIndex(v => v.Size > 0);
            if (reference < 0) return;
            for (int i = reference + 1; i < views.Count; i++)
                if (views[i].Size > 0 && views[i].Size != views[reference].Size)
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.EmbeddingSizesDiffer, locations[i], objective,
                        views[reference].Name, views[reference].Size, views[i].Name, views[i].Size));
        }

        /// <summary>FAE: the latent must be [Shared + Private], the decoder must return to the input size, and SDL covers the latent.</summary>
        private static ViewSpec CheckFaeView(ViewSpec view, FaeSpec objective, LocationInfo? location, List<DiagnosticInfo> diagnostics)
        {
            long latent = objective.Shared + objective.Private;
            if (view.EmbeddingSize != latent)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FaeLatentSize, location, view.Name, view.EmbeddingSize, latent));
                return view;
            }
            if (view.DecoderLayers.Count == 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FaeNoDecoder, location, view.Name));
                return view;
            }
            long inputSize = view.InputShape.Aggregate(1L, (a, b) => a * b);
            var decoded = view.DecoderLayers[view.DecoderLayers.Count - 1].OutputShape;
            long decodedSize = decoded.Aggregate(1L, (a, b) => a * b);
            if (decodedSize != inputSize)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FaeReconstructionSize, location, view.Name, LayerParser.Format(decoded), decodedSize, inputSize));
                return view;
            }

            var latentLayer = view.Layers[view.Layers.Count - 1];
            if (view.Taps.Any(t => t.Layer == latentLayer.Name)) return view;
            var implicitTap = new TapSpec(view.Name, latentLayer.Name, DecorrelationMethod.Sdl, SdlDefaults.Alpha, SdlDefaults.Weight, SdlReduction.Sum, SdlDefaults.Norm, latent, IsImplicit: true);
            var layers = view.Layers.Select(l => l == latentLayer ? l with { IsTapped = true } : l);
            return view with { Layers = layers.ToEquatableArray(), Taps = view.Taps.Concat(new[] { implicitTap }).ToEquatableArray() };
        }
    }
}
