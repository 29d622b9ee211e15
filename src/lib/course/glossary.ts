/**
 * The glossary page's terms: a short definition each, and the lesson section that teaches it
 * (a heading's id, as Astro derives it from the heading text; tests/unit/build checks every link
 * against the built page). Alphabetical by term.
 */
export interface GlossaryTerm {
  term: string;
  /** Other names a reader might search for. */
  aka?: string[];
  definition: string;
  /** Lesson folder under /lessons/ and the id of the heading that teaches the term ('' for the lesson's top). */
  lesson: string;
  section: string;
}

export const GLOSSARY: GlossaryTerm[] = [
  { term: 'Activation (ReLU)', aka: ['rectified linear unit'], definition: 'The function a layer applies after adding up its inputs. ReLU keeps positive values and turns negative ones into 0.', lesson: '01-classification', section: 'from-pixels-to-a-decision' },
  { term: 'Anomaly score', aka: ['threshold'], definition: 'How unusual an input looks to a model trained on normal data only; here, the autoencoder’s reconstruction error. Above a chosen threshold the input is flagged.', lesson: '09-anomaly-detection', section: 'scores-threshold-errors' },
  { term: 'Autoencoder', definition: 'A network trained to output its own input after squeezing it through a narrow code: an encoder, a code and a decoder.', lesson: '05-autoencoders', section: 'encoder-code-decoder' },
  { term: 'Average pooling', definition: 'Pooling that replaces each window by the mean of its values.', lesson: '03-pooling', section: 'max-or-average' },
  { term: 'β (beta)', aka: ['beta-VAE'], definition: 'The weight of the KL term in a variational autoencoder’s loss: larger β keeps the codes closer to N(0, I) at the cost of reconstruction.', lesson: '08-variational-autoencoders', section: 'what-β-trades' },
  { term: 'Bicubic upsampling', aka: ['bilinear upsampling', 'nearest-neighbour upsampling', 'interpolation'], definition: 'Enlarging an image by fitting smooth curves through the nearest 4 × 4 pixels; bilinear uses 2 × 2 and straight lines, nearest-neighbour copies the closest pixel.', lesson: '10-super-resolution', section: 'blowing-an-image-back-up' },
  { term: 'Bottleneck', aka: ['code', 'code size'], definition: 'The narrow middle layer of an autoencoder. Its few numbers, the code, are all the decoder gets to rebuild the image from.', lesson: '05-autoencoders', section: 'how-small-can-the-code-be' },
  { term: 'Convolution', aka: ['filter', 'kernel'], definition: 'Sliding a small grid of weights (a filter or kernel) over an image and, at every position, multiplying and adding: the result is a new image of responses.', lesson: '02-convolution-filters', section: 'a-filter-is-a-tiny-grid-of-numbers' },
  { term: 'Convolutional network (CNN)', definition: 'A network whose first layers are learned convolutions and poolings, followed by a classifier on the features they find.', lesson: '04-convolutional-networks', section: 'the-network' },
  { term: 'Cross-entropy', aka: ['loss'], definition: 'The classification loss: minus the logarithm of the probability the network gave the true class.', lesson: '01-classification', section: 'measuring-how-wrong-cross-entropy' },
  { term: 'Deep features', aka: ['feature extraction', 'feature extractor', 'transfer'], definition: 'The numbers a trained network’s hidden layers compute for an image. Using a frozen network to compute them for another model is feature extraction.', lesson: '06-deep-features', section: 'the-pipeline' },
  { term: 'Denoising autoencoder', definition: 'An autoencoder given a corrupted image as input and the clean image as target, so it learns to remove the damage.', lesson: '07-denoising', section: '' },
  { term: 'Epoch', aka: ['batch'], definition: 'One pass of training over every training image, in batches of a few dozen images per weight update.', lesson: '01-classification', section: 'measuring-how-wrong-cross-entropy' },
  { term: 'Generalisation gap', aka: ['overfitting', 'generalization'], definition: 'The difference between accuracy on the training images and on unseen test images. A gap that grows with training is overfitting.', lesson: '01-classification', section: 'training-accuracy-is-not-the-whole-story' },
  { term: 'KL divergence', aka: ['Kullback–Leibler divergence'], definition: 'A measure of how far one probability distribution is from another; in a VAE, how far each image’s code distribution is from N(0, I).', lesson: '08-variational-autoencoders', section: 'the-loss-rebuild-well-stay-close-to-n0-i' },
  { term: 'Latent space', aka: ['code space', 'latent'], definition: 'The space of an autoencoder’s codes, where every image becomes a point; a VAE makes it a smooth map the decoder can draw from anywhere.', lesson: '05-autoencoders', section: 'the-code-space' },
  { term: 'Max pooling', aka: ['pooling'], definition: 'Shrinking an image by keeping only the largest value of each small window, typically 2 × 2 with stride 2.', lesson: '03-pooling', section: 'four-pixels-become-one' },
  { term: 'Padding', aka: ['zero padding', 'valid padding'], definition: 'What a convolution does at the border: pad the image with zeros to keep its size (same), or only use positions where the filter fits (valid).', lesson: '02-convolution-filters', section: 'what-happens-at-the-border' },
  { term: 'Precision and recall', aka: ['F1', 'false positive', 'false negative'], definition: 'Of the inputs flagged, the share that really were anomalies (precision); of the real anomalies, the share flagged (recall). F1 combines the two.', lesson: '09-anomaly-detection', section: 'precision-recall-and-f1' },
  { term: 'Precision@k', aka: ['precision@10', 'image retrieval'], definition: 'How many of a search’s top k results are of the query’s class, as a fraction of k.', lesson: '06-deep-features', section: 'search-by-similarity' },
  { term: 'PSNR', aka: ['peak signal-to-noise ratio', 'MSE', 'mean squared error'], definition: 'Peak signal-to-noise ratio: the mean squared error between two images on a logarithmic scale, in decibels. Higher is closer; +10 dB is ten times less error.', lesson: '05-autoencoders', section: 'encoder-code-decoder' },
  { term: 'Reparameterisation trick', aka: ['reparameterization'], definition: 'Sampling a VAE code as z = μ + σ·ε with ε drawn from N(0, 1), so that the gradient can flow through μ and σ.', lesson: '08-variational-autoencoders', section: 'let-the-encoder-be-unsure' },
  { term: 'ROC curve', aka: ['AUC', 'area under the curve'], definition: 'True-positive rate against false-positive rate for every threshold. The area under it (AUC) is the chance that a random anomaly scores above a random normal input.', lesson: '09-anomaly-detection', section: 'the-roc-curve' },
  { term: 'Softmax', aka: ['probabilities'], definition: 'Turns a network’s scores into probabilities that add up to 1: exponentiate each score, then divide by their sum.', lesson: '01-classification', section: 'from-scores-to-probabilities-softmax' },
  { term: 'Softmax regression', aka: ['logistic regression', 'multinomial logistic regression'], definition: 'A classifier with a single dense layer and softmax: weights per feature and class, and a bias per class.', lesson: '06-deep-features', section: 'softmax-regression-on-top' },
  { term: 'Sparse code', definition: 'A code that may be wide but has only a few non-zero numbers for any one image, enforced by a penalty in the loss.', lesson: '05-autoencoders', section: 'how-small-can-the-code-be' },
  { term: 'Stride', aka: ['window'], definition: 'How far a pooling or convolution window moves between positions; a stride of 2 halves the image’s sides.', lesson: '03-pooling', section: 'window-stride-and-the-size-that-comes-out' },
  { term: 'Super-resolution', definition: 'Enlarging an image with a network trained on pairs of shrunk and original images, to recover detail that interpolation cannot.', lesson: '10-super-resolution', section: 'a-network-that-learns-to-enlarge' },
  { term: 'Translation tolerance', aka: ['shift invariance'], definition: 'An output that does not change when the input moves a little; max pooling gives it for shifts inside a window.', lesson: '03-pooling', section: 'what-max-pooling-keeps-and-what-it-discards' },
  { term: 'Transposed convolution', aka: ['upsampling layer', 'deconvolution'], definition: 'A layer that enlarges its input by spreading every input value over a learned filter’s footprint, with a stride.', lesson: '10-super-resolution', section: 'a-network-that-learns-to-enlarge' },
  { term: 'Variational autoencoder (VAE)', definition: 'An autoencoder whose encoder gives a mean and a spread for each code number, trained so that the codes fill a simple cloud; its decoder can then generate new images.', lesson: '08-variational-autoencoders', section: 'let-the-encoder-be-unsure' },
  { term: 'Weight sharing', definition: 'Using the same filter weights at every position of the image, so that a feature learned in one place is recognised everywhere.', lesson: '04-convolutional-networks', section: 'dense-network-or-cnn' },
];

/** The page anchor of a term on the glossary page. */
export const termId = (term: string): string => `term-${term.toLowerCase().normalize('NFKD').replace(/[^a-z0-9β]+/g, '-').replace(/^-|-$/g, '')}`;
