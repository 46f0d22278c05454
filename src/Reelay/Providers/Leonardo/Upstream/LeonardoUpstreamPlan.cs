using Reelay.Providers.Leonardo.Contract;

namespace Reelay.Providers.Leonardo.Upstream;

/// <summary>
/// What a submit sends: the create body (image ids still unset) and the images to upload before it. The body goes
/// to <c>generations-image-to-video</c> once <see cref="Start"/> has an id, else to <c>generations-text-to-video</c>.
/// </summary>
internal sealed record LeonardoUpstreamPlan(LeonardoVideoRequest Body, LeonardoImageUpload? Start, LeonardoImageUpload? End);
