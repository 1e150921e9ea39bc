<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>FacesWorker</name>
    <message>
        <source>Glow %1×%1 %2, %3 levels × %4 steps, width %5, %6 coupling, %7 1×1 convs</source>
        <translation>Glow %1×%1 %2，%3 个层级 × 每级 %4 步，宽度 %5，%6 耦合，%7 1×1 卷积</translation>
    </message>
    <message>
        <source>Trained on %1</source>
        <translation>训练数据：%1</translation>
    </message>
    <message>
        <source>Imported from %1 (%2)</source>
        <translation>导入自 %1（%2）</translation>
    </message>
    <message>
        <source>%1 training steps</source>
        <translation>已训练 %1 步</translation>
    </message>
    <message>
        <source>%1 bits/dim on training batches (moving average)</source>
        <translation>训练批次上 %1 bits/dim（滑动平均）</translation>
    </message>
    <message>
        <source>%1 bits per colour channel</source>
        <translation>每个颜色通道 %1 比特</translation>
    </message>
    <message>
        <source>No attribute vectors</source>
        <translation>无属性向量</translation>
    </message>
    <message>
        <source>Attribute vectors: %1 (from %2)</source>
        <translation>属性向量：%1（来源：%2）</translation>
    </message>
    <message>
        <source>Runs on the GPU (%1, TF32 off: exact)</source>
        <translation>在 GPU 上运行（%1，关闭 TF32：精确）</translation>
    </message>
    <message>
        <source>Runs on the CPU</source>
        <translation>在 CPU 上运行</translation>
    </message>
</context>
<context>
    <name>FlowKind</name>
    <message>
        <source>Planar</source>
        <translation>平面流</translation>
    </message>
    <message>
        <source>Radial</source>
        <translation>径向流</translation>
    </message>
    <message>
        <source>Affine coupling (RealNVP)</source>
        <translation>仿射耦合（RealNVP）</translation>
    </message>
    <message>
        <source>Additive coupling (NICE)</source>
        <translation>加性耦合（NICE）</translation>
    </message>
</context>
<context>
    <name>HandleOverlay</name>
    <message>
        <source>wᵀû = −1</source>
        <translation>wᵀû = −1</translation>
    </message>
    <message>
        <source>β = −α</source>
        <translation>β = −α</translation>
    </message>
</context>
<context>
    <name>LayerEditor</name>
    <message>
        <source>change layer %1</source>
        <translation>修改第 %1 层</translation>
    </message>
</context>
<context>
    <name>Presets</name>
    <message>
        <source>Rezende &amp; Mohamed, Figure 3</source>
        <translation>Rezende &amp; Mohamed，图 3</translation>
    </message>
    <message>
        <source>planar</source>
        <translation>平面流</translation>
    </message>
    <message>
        <source>radial</source>
        <translation>径向流</translation>
    </message>
    <message>
        <source>Density estimation</source>
        <translation>密度估计</translation>
    </message>
    <message>
        <source>RealNVP on two moons</source>
        <translation>RealNVP：双月</translation>
    </message>
    <message>
        <source>RealNVP on a checkerboard</source>
        <translation>RealNVP：棋盘格</translation>
    </message>
    <message>
        <source>Draw your own</source>
        <translation>自由绘制</translation>
    </message>
    <message>
        <source>Rezende &amp; Mohamed, Figure 1 (set by hand)</source>
        <translation>Rezende 与 Mohamed，图 1（手动设置）</translation>
    </message>
    <message>
        <source>Gaussian base</source>
        <translation>高斯基础分布</translation>
    </message>
    <message>
        <source>uniform base</source>
        <translation>均匀基础分布</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>&lt;h3&gt;The Flow-ELBO (Rezende &amp;amp; Mohamed 2015, §4)&lt;/h3&gt;&lt;p&gt;&lt;b&gt;Encoder.&lt;/b&gt; For each image x the encoder outputs μ(x), σ(x) and, for the &lt;i&gt;amortised&lt;/i&gt; flow, every layer&apos;s u&lt;sub&gt;k&lt;/sub&gt;, w&lt;sub&gt;k&lt;/sub&gt;, b&lt;sub&gt;k&lt;/sub&gt;: q&lt;sub&gt;0&lt;/sub&gt;(z|x) = N(μ, diag σ²) is pushed through z&lt;sub&gt;K&lt;/sub&gt; = f&lt;sub&gt;K&lt;/sub&gt;∘…∘f&lt;sub&gt;1&lt;/sub&gt;(z&lt;sub&gt;0&lt;/sub&gt;), planar layers f(z) = z + û h(wᵀz + b) with the constraint wᵀû ≥ −1 applied per image.&lt;/p&gt;&lt;p&gt;&lt;b&gt;The bound.&lt;/b&gt; F(x) = E&lt;sub&gt;q0&lt;/sub&gt;[ ln q&lt;sub&gt;0&lt;/sub&gt;(z&lt;sub&gt;0&lt;/sub&gt;|x) − Σ&lt;sub&gt;k&lt;/sub&gt; ln|1 + u&lt;sub&gt;k&lt;/sub&gt;ᵀψ&lt;sub&gt;k&lt;/sub&gt;(z&lt;sub&gt;k−1&lt;/sub&gt;)| − ln p(x|z&lt;sub&gt;K&lt;/sub&gt;) − ln p(z&lt;sub&gt;K&lt;/sub&gt;) ] and −F(x) = ELBO ≤ ln p(x).&lt;/p&gt;&lt;p&gt;&lt;b&gt;E ln p(x|z)&lt;/b&gt;: how well the decoder&apos;s Bernoulli pixels explain the binarised image from latents drawn from q&lt;sub&gt;K&lt;/sub&gt; (reconstruction). &lt;b&gt;E ln p(z)&lt;/b&gt;: the prior N(0, I) at those latents. &lt;b&gt;H[q&lt;sub&gt;K&lt;/sub&gt;]&lt;/b&gt; = H[q&lt;sub&gt;0&lt;/sub&gt;] + E Σ ln|det ∂f&lt;sub&gt;k&lt;/sub&gt;/∂z|: the flow&apos;s log-determinants change the entropy; the ELBO is the sum of the three.&lt;/p&gt;&lt;p&gt;&lt;b&gt;The gap.&lt;/b&gt; ln p(x) = ELBO + KL(q&lt;sub&gt;K&lt;/sub&gt;(z|x) ‖ p(z|x)) exactly. Here p(z|x) is computed on a grid (p(x) by quadrature), so both sides are shown: the mean field q&lt;sub&gt;0&lt;/sub&gt; cannot bend to a curved or skewed posterior, and the flow shrinks the KL bar. Switch K to compare. Two gaps hide in the KL (Cremer et al. 2018): the &lt;i&gt;approximation&lt;/i&gt; gap, what even the best Gaussian for this image leaves (the middle bar, fitted here on the grid), and the &lt;i&gt;amortisation&lt;/i&gt; gap, what an encoder shared by all images loses against that best fit. A flow can go below the first; more training, or a wider encoder, shrinks the second.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Prior against posterior samples.&lt;/b&gt; Latents from the prior decode to anything the model knows; latents from q&lt;sub&gt;K&lt;/sub&gt;(z|x) stay with the clicked image. The decoder only sees z&lt;sub&gt;K&lt;/sub&gt;, so the flow is free to reshape the posterior without changing the model p(x, z).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Flow-ELBO（Rezende &amp;amp; Mohamed 2015，§4）&lt;/h3&gt;&lt;p&gt;&lt;b&gt;编码器。&lt;/b&gt;对每张图像 x，编码器输出 μ(x)、σ(x)；对于&lt;i&gt;摊销&lt;/i&gt;流，还输出每一层的 u&lt;sub&gt;k&lt;/sub&gt;、w&lt;sub&gt;k&lt;/sub&gt;、b&lt;sub&gt;k&lt;/sub&gt;：q&lt;sub&gt;0&lt;/sub&gt;(z|x) = N(μ, diag σ²) 经过 z&lt;sub&gt;K&lt;/sub&gt; = f&lt;sub&gt;K&lt;/sub&gt;∘…∘f&lt;sub&gt;1&lt;/sub&gt;(z&lt;sub&gt;0&lt;/sub&gt;) 推送，其中平面流层为 f(z) = z + û h(wᵀz + b)，约束 wᵀû ≥ −1 对每张图像分别施加。&lt;/p&gt;&lt;p&gt;&lt;b&gt;下界。&lt;/b&gt;F(x) = E&lt;sub&gt;q0&lt;/sub&gt;[ ln q&lt;sub&gt;0&lt;/sub&gt;(z&lt;sub&gt;0&lt;/sub&gt;|x) − Σ&lt;sub&gt;k&lt;/sub&gt; ln|1 + u&lt;sub&gt;k&lt;/sub&gt;ᵀψ&lt;sub&gt;k&lt;/sub&gt;(z&lt;sub&gt;k−1&lt;/sub&gt;)| − ln p(x|z&lt;sub&gt;K&lt;/sub&gt;) − ln p(z&lt;sub&gt;K&lt;/sub&gt;) ]，且 −F(x) = ELBO ≤ ln p(x)。&lt;/p&gt;&lt;p&gt;&lt;b&gt;E ln p(x|z)&lt;/b&gt;：用从 q&lt;sub&gt;K&lt;/sub&gt; 抽取的隐变量，解码器输出的伯努利像素对二值化图像的解释程度（重构项）。&lt;b&gt;E ln p(z)&lt;/b&gt;：先验 N(0, I) 在这些隐变量处的对数密度。&lt;b&gt;H[q&lt;sub&gt;K&lt;/sub&gt;]&lt;/b&gt; = H[q&lt;sub&gt;0&lt;/sub&gt;] + E Σ ln|det ∂f&lt;sub&gt;k&lt;/sub&gt;/∂z|：流的对数行列式改变了熵；ELBO 是这三项之和。&lt;/p&gt;&lt;p&gt;&lt;b&gt;间隙。&lt;/b&gt;ln p(x) = ELBO + KL(q&lt;sub&gt;K&lt;/sub&gt;(z|x) ‖ p(z|x)) 严格成立。这里 p(z|x) 在网格上计算（p(x) 由数值积分求得），因此等式两边都会显示：平均场 q&lt;sub&gt;0&lt;/sub&gt; 无法弯曲去贴合弯曲或偏斜的后验，而流会缩短 KL 条。切换 K 进行比较。KL 中隐藏着两种间隙（Cremer et al. 2018）：&lt;i&gt;近似&lt;/i&gt;间隙，即对这张图像而言即使最优的高斯分布也会留下的部分（中间那根条，此处在网格上拟合）；以及&lt;i&gt;摊销&lt;/i&gt;间隙，即所有图像共享的编码器相对于该最优拟合所损失的部分。流可以使 KL 低于前者；更多的训练或更宽的编码器可以缩小后者。&lt;/p&gt;&lt;p&gt;&lt;b&gt;先验样本与后验样本对比。&lt;/b&gt;来自先验的隐变量可解码为模型所知的任何内容；来自 q&lt;sub&gt;K&lt;/sub&gt;(z|x) 的隐变量则始终贴近所点击的图像。解码器只看到 z&lt;sub&gt;K&lt;/sub&gt;，因此流可以自由重塑后验，而不改变模型 p(x, z)。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>mean field (K = 0)</source>
        <translation>平均场（K = 0）</translation>
    </message>
    <message>
        <source>K = %1 %2 %3 layers</source>
        <translation>K = %1，%2 %3 层</translation>
    </message>
    <message>
        <source>amortised</source>
        <translation>摊销</translation>
    </message>
    <message>
        <source>global</source>
        <translation>全局</translation>
    </message>
    <message>
        <source>%1, %2-D latent, %3</source>
        <translation>%1，%2 维隐空间，%3</translation>
    </message>
</context>
<context>
    <name>flowscope::AblationPage</name>
    <message>
        <source>Fashion-MNIST (grey)</source>
        <translation>Fashion-MNIST（灰度）</translation>
    </message>
    <message>
        <source>Built-in faces (RGB)</source>
        <translation>内置人脸（RGB）</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Image size</source>
        <translation>图像尺寸</translation>
    </message>
    <message>
        <source>Levels L</source>
        <translation>层级数 L</translation>
    </message>
    <message>
        <source>Steps per level K</source>
        <translation>每层级步数 K</translation>
    </message>
    <message>
        <source>Hidden width</source>
        <translation>隐藏层宽度</translation>
    </message>
    <message>
        <source>Iterations</source>
        <translation>迭代次数</translation>
    </message>
    <message>
        <source>Seeds</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Evaluate every</source>
        <translation>评估间隔</translation>
    </message>
    <message>
        <source>Held-out images</source>
        <translation>留出图像数</translation>
    </message>
    <message>
        <source>Run ablation</source>
        <translation>运行消融实验</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>&lt;b&gt;Glow&apos;s ablation&lt;/b&gt; (Kingma &amp;amp; Dhariwal 2018, §5.1, Figure 3): what mixes the channels between couplings — reversing them (RealNVP), a fixed random shuffle, or the learned invertible 1×1 convolution — with additive and with affine couplings. Every variant trains with the same budget, data order and seeds; the curves are held-out bits/dim (lower is better). The paper found 1×1 convolution &amp;lt; shuffle &amp;lt; reverse.</source>
        <translation>&lt;b&gt;Glow 的消融实验&lt;/b&gt;（Kingma &amp;amp; Dhariwal 2018，§5.1，图 3）：在耦合层之间用什么来混合通道——翻转通道顺序（RealNVP）、固定的随机置换，还是学习得到的可逆 1×1 卷积——分别搭配加性耦合与仿射耦合。每个变体都使用相同的训练预算、数据顺序和随机种子；曲线为留出集上的 bits/dim（越低越好）。论文的结论是 1×1 卷积 &amp;lt; 随机置换 &amp;lt; 通道翻转。</translation>
    </message>
    <message>
        <source>The defaults are glow ablation --quick: about a minute on one core.</source>
        <translation>默认设置即 glow ablation --quick：单核约需一分钟。</translation>
    </message>
    <message>
        <source>Reading the data…</source>
        <translation>正在读取数据…</translation>
    </message>
    <message>
        <source>Stopping after the current step…</source>
        <translation>当前步完成后停止…</translation>
    </message>
    <message>
        <source>Training on %1</source>
        <translation>正在 %1 上训练</translation>
    </message>
    <message>
        <source>%1, seed %2: iteration %3, held-out %4 bits/dim — ETA %5</source>
        <translation>%1，种子 %2：第 %3 次迭代，留出集 %4 bits/dim，预计剩余 %5</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>完成。</translation>
    </message>
    <message>
        <source>Final held-out bits/dim, lower first — %1. The paper: 1×1 convolution &lt; shuffle &lt; reverse.</source>
        <translation>最终留出集 bits/dim，从低到高：%1。论文结论：1×1 卷积 &lt; 随机置换 &lt; 通道翻转。</translation>
    </message>
    <message>
        <source>The ablation stopped: %1</source>
        <translation>消融实验已停止：%1</translation>
    </message>
</context>
<context>
    <name>flowscope::AblationWorker</name>
    <message>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <source>affine: </source>
        <translation>仿射：</translation>
    </message>
    <message>
        <source>additive: </source>
        <translation>加性：</translation>
    </message>
</context>
<context>
    <name>flowscope::AnimationExportDialog</name>
    <message>
        <source>Export animation</source>
        <translation>导出动画</translation>
    </message>
    <message>
        <source>From z₀ to z_K, evenly spaced over the layers</source>
        <translation>从 z₀ 到 z_K，在各层之间均匀分布</translation>
    </message>
    <message>
        <source> frames/s</source>
        <translation> 帧/秒</translation>
    </message>
    <message>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <source>Pixels a side; the density is computed exactly at this resolution</source>
        <translation>每边像素数；密度按此分辨率精确计算</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Particles</source>
        <translation>粒子</translation>
    </message>
    <message>
        <source>Warped grid</source>
        <translation>变形网格</translation>
    </message>
    <message>
        <source>Step label (k = … / K)</source>
        <translation>步骤标签（k = … / K）</translation>
    </message>
    <message>
        <source>Frames:</source>
        <translation>帧数：</translation>
    </message>
    <message>
        <source>Speed:</source>
        <translation>速度：</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>尺寸：</translation>
    </message>
    <message>
        <source>Hold the last frame:</source>
        <translation>最后一帧停留：</translation>
    </message>
    <message>
        <source>Overlays:</source>
        <translation>叠加层：</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>An animated GIF of %1 s, looping; %2 × %2 pixels.</source>
        <translation>循环播放的 GIF 动画，时长 %1 秒，%2 × %2 像素。</translation>
    </message>
</context>
<context>
    <name>flowscope::ExportProgress</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Export animation</source>
        <translation>导出动画</translation>
    </message>
    <message>
        <source>Step %1 of %2, %3 left</source>
        <translation>第 %1 步（共 %2 步），剩余 %3</translation>
    </message>
    <message>
        <source>Exported %1 frames to %2 (%3 MB)</source>
        <translation>已将 %1 帧导出到 %2（%3 MB）</translation>
    </message>
    <message>
        <source>Animation export cancelled; nothing was written.</source>
        <translation>动画导出已取消，未写入任何文件。</translation>
    </message>
</context>
<context>
    <name>flowscope::FacesPage</name>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Loading the shipped face model…</source>
        <translation>正在加载自带的人脸模型…</translation>
    </message>
    <message>
        <source>Open model…</source>
        <translation>打开模型…</translation>
    </message>
    <message>
        <source>Import PyTorch…</source>
        <translation>导入 PyTorch…</translation>
    </message>
    <message>
        <source>A rosinality/glow-pytorch or y0ast/Glow-PyTorch checkpoint</source>
        <translation>rosinality/glow-pytorch 或 y0ast/Glow-PyTorch 检查点</translation>
    </message>
    <message>
        <source>Recent</source>
        <translation>最近打开</translation>
    </message>
    <message>
        <source>Shipped models</source>
        <translation>自带模型</translation>
    </message>
    <message>
        <source>Faces (64 px, attributes)</source>
        <translation>人脸（64 px，带属性）</translation>
    </message>
    <message>
        <source>Fashion-MNIST (32 px grey, 10 classes)</source>
        <translation>Fashion-MNIST（32 px 灰度，10 类）</translation>
    </message>
    <message>
        <source>Bits/dim on…</source>
        <translation>评估 bits/dim…</translation>
    </message>
    <message>
        <source>Held-out bits per dimension of this model on the first 2000 test images</source>
        <translation>该模型在前 2000 张测试图像上的留出集每维比特数（bits/dim）</translation>
    </message>
    <message>
        <source>Fashion-MNIST test images</source>
        <translation>Fashion-MNIST 测试图像</translation>
    </message>
    <message>
        <source>Built-in faces not seen in training</source>
        <translation>训练中未见过的内置人脸</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>Temperature T: every latent is drawn from N(μ, (T·σ)²). Moving it rescales the same noise, so the faces morph.</source>
        <translation>温度 T：每个隐变量都从 N(μ, (T·σ)²) 中抽取。拖动滑块会缩放同一份噪声，因此人脸会连续变形。</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Re-roll</source>
        <translation>重新采样</translation>
    </message>
    <message>
        <source>New noise (R)</source>
        <translation>新噪声（R）</translation>
    </message>
    <message>
        <source>Advanced: temperature per level</source>
        <translation>高级：按层级设置温度</translation>
    </message>
    <message>
        <source>Scales</source>
        <translation>尺度</translation>
    </message>
    <message>
        <source>Resample level</source>
        <translation>重采样该层级</translation>
    </message>
    <message>
        <source>Keep every level of the face but this one, which is redrawn from its prior: what does each scale hold?</source>
        <translation>保留人脸的其他所有层级，只将这一层级从其先验重新抽取：每个尺度分别承载了什么？</translation>
    </message>
    <message>
        <source>Loading the model…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <source>Encoded</source>
        <translation>已编码</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>已编辑</translation>
    </message>
    <message>
        <source>Reset sliders</source>
        <translation>重置滑块</translation>
    </message>
    <message>
        <source>Save image…</source>
        <translation>保存图像…</translation>
    </message>
    <message>
        <source>Save the edited face</source>
        <translation>保存编辑后的人脸</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Mix</source>
        <translation>插值</translation>
    </message>
    <message>
        <source>sample </source>
        <translation>样本 </translation>
    </message>
    <message>
        <source> steps</source>
        <translation> 步</translation>
    </message>
    <message>
        <source>Mix with sample</source>
        <translation>与样本插值</translation>
    </message>
    <message>
        <source>Mix with photo…</source>
        <translation>与照片插值…</translation>
    </message>
    <message>
        <source>Mix with a photo</source>
        <translation>选择用于插值的照片</translation>
    </message>
    <message>
        <source>Measuring bits/dim on %1…</source>
        <translation>正在 %1 上测量 bits/dim…</translation>
    </message>
    <message>
        <source>Measuring…</source>
        <translation>正在测量…</translation>
    </message>
    <message>
        <source>level %1: prior %2, log-det %3</source>
        <translation>层级 %1：先验 %2，对数行列式 %3</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 ± %2 bits/dim&lt;/b&gt; on %3&lt;br&gt;&lt;small&gt;%4; discretisation %5&lt;/small&gt;</source>
        <translation>&lt;b&gt;%1 ± %2 bits/dim&lt;/b&gt;（%3）&lt;br&gt;&lt;small&gt;%4；离散化 %5&lt;/small&gt;</translation>
    </message>
    <message>
        <source>Bits/dim measured in %1 s</source>
        <translation>bits/dim 测量用时 %1 s</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
    <message>
        <source>Open a FlowScope model</source>
        <translation>打开 FlowScope 模型</translation>
    </message>
    <message>
        <source>FlowScope models (*.fsm);;All files (*)</source>
        <translation>FlowScope 模型 (*.fsm);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Import a PyTorch Glow checkpoint</source>
        <translation>导入 PyTorch Glow 检查点</translation>
    </message>
    <message>
        <source>rosinality/glow-pytorch</source>
        <translation>rosinality/glow-pytorch</translation>
    </message>
    <message>
        <source>y0ast/Glow-PyTorch (legacy or zip torch.save)</source>
        <translation>y0ast/Glow-PyTorch（旧格式或 zip 格式的 torch.save）</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>glow-pytorch does not record the image size it was trained at</source>
        <translation>glow-pytorch 不会记录训练时所用的图像尺寸</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Checkpoint (.pt)</source>
        <translation>检查点（.pt）</translation>
    </message>
    <message>
        <source>Image size</source>
        <translation>图像尺寸</translation>
    </message>
    <message>
        <source>Bits per channel</source>
        <translation>每通道比特数</translation>
    </message>
    <message>
        <source>PyTorch Glow checkpoint</source>
        <translation>PyTorch Glow 检查点</translation>
    </message>
    <message>
        <source>PyTorch checkpoints (*.pt *.pth);;All files (*)</source>
        <translation>PyTorch 检查点 (*.pt *.pth);;所有文件 (*)</translation>
    </message>
    <message>
        <source>level 1 (finest)</source>
        <translation>层级 1（最精细）</translation>
    </message>
    <message>
        <source>level %1 (coarsest)</source>
        <translation>层级 %1（最粗糙）</translation>
    </message>
    <message>
        <source>level %1</source>
        <translation>层级 %1</translation>
    </message>
    <message>
        <source>Open a photo</source>
        <translation>打开照片</translation>
    </message>
    <message>
        <source>Encoding %1…</source>
        <translation>正在编码 %1…</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>Pick a face to edit first (click a sample or open a photo).</source>
        <translation>请先选择要编辑的人脸（点击一个样本或打开一张照片）。</translation>
    </message>
    <message>
        <source>Loaded %1</source>
        <translation>已加载 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n sample(s) at T = %1 in %2 ms</source>
        <translation>
            <numerusform>%n 个样本，T = %1，用时 %2 ms</numerusform>
        </translation>
    </message>
    <message>
        <source>Editing %1</source>
        <translation>正在编辑 %1</translation>
    </message>
    <message>
        <source>exact reconstruction: max |x − decode(encode(x))| = %1 · %2 bits/dim</source>
        <translation>精确重建：max |x − decode(encode(x))| = %1 · %2 bits/dim</translation>
    </message>
    <message>
        <source>slider → face: %1 ms</source>
        <translation>滑块 → 人脸：%1 ms</translation>
    </message>
    <message>
        <source>level %1 · %2</source>
        <translation>层级 %1 · %2</translation>
    </message>
    <message>
        <source>Fast preview (bfloat16)</source>
        <translation>快速预览（bfloat16）</translation>
    </message>
    <message>
        <source>bfloat16 would be slower than float32 here: this CPU has neither AVX512-BF16 nor AMX.</source>
        <translation>在这里 bfloat16 会比 float32 更慢：这颗 CPU 既没有 AVX512-BF16 也没有 AMX。</translation>
    </message>
    <message>
        <source> (bfloat16 preview: max error %1/255 against float32, which took %2 ms)</source>
        <translation>（bfloat16 预览：与 float32 相比最大误差 %1/255，float32 用时 %2 ms）</translation>
    </message>
    <message>
        <source>Decode the grid with bfloat16 convolutions: about twice as fast on CPUs with AVX512-BF16 or AMX and on GPUs, a little off in the pixels (the error against float32 is shown). Encoding, edits, reconstructions and bits/dim always use float32.</source>
        <translation>用 bfloat16 卷积解码样本网格：在支持 AVX512-BF16 或 AMX 的 CPU 和 GPU 上约快一倍，像素略有偏差（界面显示与 float32 相比的误差）。编码、编辑、重建和 bits/dim 始终使用 float32。</translation>
    </message>
</context>
<context>
    <name>flowscope::FacesTrainPage</name>
    <message>
        <source>Built-in faces (true smile, age, … labels)</source>
        <translation>内置人脸（含微笑、年龄等真实标签）</translation>
    </message>
    <message>
        <source>Fashion-MNIST (grey, 28×28 padded to 32×32, 10 classes)</source>
        <translation>Fashion-MNIST（灰度，28×28 填充至 32×32，10 类）</translation>
    </message>
    <message>
        <source>MNIST-style IDX folder…</source>
        <translation>MNIST 格式的 IDX 文件夹…</translation>
    </message>
    <message>
        <source>CIFAR-10 binary batches folder…</source>
        <translation>CIFAR-10 二进制批次文件夹…</translation>
    </message>
    <message>
        <source>Image folder…</source>
        <translation>图像文件夹…</translation>
    </message>
    <message>
        <source>Training images (labels from list_attr*.txt, X/not_X folders or UTKFace names)</source>
        <translation>训练图像（标签来自 list_attr*.txt、X/not_X 文件夹或 UTKFace 文件名）</translation>
    </message>
    <message>
        <source>Folder of %1 files</source>
        <translation>%1 文件所在的文件夹</translation>
    </message>
    <message>
        <source>Folder: %1</source>
        <translation>文件夹：%1</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>affine</source>
        <translation>仿射</translation>
    </message>
    <message>
        <source>additive</source>
        <translation>加性</translation>
    </message>
    <message>
        <source>LU-decomposed</source>
        <translation>LU 分解</translation>
    </message>
    <message>
        <source>plain (slogdet)</source>
        <translation>普通（slogdet）</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Model file</source>
        <translation>模型文件</translation>
    </message>
    <message>
        <source>FlowScope models (*.fsm)</source>
        <translation>FlowScope 模型 (*.fsm)</translation>
    </message>
    <message>
        <source>Compute attribute vectors at the end</source>
        <translation>训练结束时计算属性向量</translation>
    </message>
    <message>
        <source>Image size</source>
        <translation>图像尺寸</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>通道数</translation>
    </message>
    <message>
        <source>Levels L</source>
        <translation>层级数 L</translation>
    </message>
    <message>
        <source>Steps per level K</source>
        <translation>每层级步数 K</translation>
    </message>
    <message>
        <source>Hidden width</source>
        <translation>隐藏层宽度</translation>
    </message>
    <message>
        <source>Coupling</source>
        <translation>耦合方式</translation>
    </message>
    <message>
        <source>1×1 convolution</source>
        <translation>1×1 卷积</translation>
    </message>
    <message>
        <source>Bits per channel</source>
        <translation>每通道比特数</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Iterations</source>
        <translation>迭代次数</translation>
    </message>
    <message>
        <source>Checkpoint every</source>
        <translation>检查点间隔</translation>
    </message>
    <message>
        <source>Save to</source>
        <translation>保存到</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Stop and save</source>
        <translation>停止并保存</translation>
    </message>
    <message>
        <source>Choose the data and the architecture, then Start.</source>
        <translation>选择数据和网络结构，然后点击“开始”。</translation>
    </message>
    <message>
        <source>Preview samples (T = 0.7) appear here while training.</source>
        <translation>训练期间，预览样本（T = 0.7）会显示在这里。</translation>
    </message>
    <message>
        <source>Saved %1 with its attribute vectors; it is open on the Faces page.</source>
        <translation>已保存 %1 及其属性向量，并已在“图像”页中打开。</translation>
    </message>
    <message>
        <source>Choose where to save the model first.</source>
        <translation>请先选择模型的保存位置。</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>%v / %m steps · ETA %1</source>
        <translation>%v / %m 步 · 预计剩余 %1</translation>
    </message>
    <message>
        <source>%1 bits/dim (average %2) · %3 images/s</source>
        <translation>%1 bits/dim（平均 %2）· %3 张图像/s</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>On a cluster (torchrun, data-parallel)</source>
        <translation>在集群上（torchrun，数据并行）</translation>
    </message>
    <message>
        <source>Processes per node: one a GPU</source>
        <translation>每个节点的进程数：每块 GPU 一个</translation>
    </message>
    <message>
        <source>The host:port every node reaches (the first node&apos;s address)</source>
        <translation>每个节点都能访问的 主机:端口（第一个节点的地址）</translation>
    </message>
    <message>
        <source>--batch is per process: the global batch is processes × nodes × batch</source>
        <translation>--batch 按进程计：全局批量为 进程数 × 节点数 × 批量</translation>
    </message>
    <message>
        <source>Copy command</source>
        <translation>复制命令</translation>
    </message>
    <message>
        <source>Open checkpoint…</source>
        <translation>打开检查点…</translation>
    </message>
    <message>
        <source>Open a checkpoint in Faces, also one a running job keeps rewriting</source>
        <translation>在人脸页打开检查点，包括运行中的任务仍在改写的检查点</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>检查点</translation>
    </message>
    <message>
        <source>Processes per node</source>
        <translation>每节点进程数</translation>
    </message>
    <message>
        <source>Nodes</source>
        <translation>节点数</translation>
    </message>
    <message>
        <source>Rendezvous</source>
        <translation>汇合点</translation>
    </message>
    <message>
        <source>Copied the torchrun command: run it on the cluster&apos;s first node (every node, with --nnodes).</source>
        <translation>已复制 torchrun 命令：在集群的第一个节点上运行（使用 --nnodes 时在每个节点上运行）。</translation>
    </message>
</context>
<context>
    <name>flowscope::FacesWorker</name>
    <message>
        <source>sample %1</source>
        <translation>样本 %1</translation>
    </message>
</context>
<context>
    <name>flowscope::Flow2DPage</name>
    <message>
        <source>Saved the model to %1</source>
        <translation>模型已保存到 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n point(s)</source>
        <translation>
            <numerusform>%n 个点</numerusform>
        </translation>
    </message>
    <message>
        <source>Energy %1</source>
        <translation>能量 %1</translation>
    </message>
    <message>
        <source>Two moons</source>
        <translation>双月</translation>
    </message>
    <message>
        <source>Concentric circles</source>
        <translation>同心圆</translation>
    </message>
    <message>
        <source>8 Gaussians</source>
        <translation>8 个高斯</translation>
    </message>
    <message>
        <source>Checkerboard</source>
        <translation>棋盘格</translation>
    </message>
    <message>
        <source>Pinwheel</source>
        <translation>风车</translation>
    </message>
    <message>
        <source>Two spirals</source>
        <translation>双螺旋</translation>
    </message>
    <message>
        <source>Points I draw</source>
        <translation>我绘制的点</translation>
    </message>
    <message>
        <source>Points from a CSV file…</source>
        <translation>从 CSV 文件读取点…</translation>
    </message>
    <message>
        <source>Energies are fitted by reverse KL (sampling from the flow); data sets by maximum likelihood.</source>
        <translation>能量目标通过反向 KL 拟合（从流中采样）；数据集通过最大似然拟合。</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Flow</source>
        <translation>流</translation>
    </message>
    <message>
        <source>Number of layers K</source>
        <translation>流的层数 K</translation>
    </message>
    <message>
        <source>Layers K</source>
        <translation>层数 K</translation>
    </message>
    <message>
        <source>Width of the coupling layers&apos; conditioner networks</source>
        <translation>耦合层中条件网络的宽度</translation>
    </message>
    <message>
        <source>Hidden width</source>
        <translation>隐藏层宽度</translation>
    </message>
    <message>
        <source>ActNorm before each coupling</source>
        <translation>每个耦合层前加 ActNorm</translation>
    </message>
    <message>
        <source>Glow&apos;s per-dimension scale and shift, initialised from the first batch (zero mean, unit variance); coupling flows only</source>
        <translation>Glow 的逐维缩放与平移，用第一个批次初始化（零均值、单位方差）；仅适用于耦合流</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Auto (CPU for 2D)</source>
        <translation>自动（2D 用 CPU）</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CUDA</source>
        <translation>CUDA</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Anneal β</source>
        <translation>退火 β</translation>
    </message>
    <message>
        <source>Rezende &amp; Mohamed §6.1: minimise E[log q + β_t U] with β_t = min(1, 0.01 + t/T). Without it, reverse KL locks onto one of U1&apos;s two modes.</source>
        <translation>Rezende &amp; Mohamed §6.1：最小化 E[log q + β_t U]，其中 β_t = min(1, 0.01 + t/T)。若不退火，反向 KL 会锁定在 U1 两个模态中的一个上。</translation>
    </message>
    <message>
        <source>0.8 × steps</source>
        <translation>0.8 × 步数</translation>
    </message>
    <message>
        <source>T</source>
        <translation>T</translation>
    </message>
    <message>
        <source>Draw</source>
        <translation>绘制</translation>
    </message>
    <message>
        <source>Brush radius</source>
        <translation>画笔半径</translation>
    </message>
    <message>
        <source>Brush</source>
        <translation>画笔</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>擦除</translation>
    </message>
    <message>
        <source>Erase points (the right mouse button erases too)</source>
        <translation>擦除点（鼠标右键也可擦除）</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Train from the current parameters (Ctrl+Return)</source>
        <translation>从当前参数开始训练（Ctrl+Return）</translation>
    </message>
    <message>
        <source>Pause training (Space)</source>
        <translation>暂停训练（Space）</translation>
    </message>
    <message>
        <source>Resume training (Space)</source>
        <translation>继续训练（Space）</translation>
    </message>
    <message>
        <source>One optimiser step (Ctrl+.)</source>
        <translation>执行一步优化（Ctrl+.）</translation>
    </message>
    <message>
        <source>New random initialisation with the current settings (Ctrl+R)</source>
        <translation>用当前设置重新随机初始化（Ctrl+R）</translation>
    </message>
    <message>
        <source>Particles</source>
        <translation>粒子</translation>
    </message>
    <message>
        <source>Warped grid</source>
        <translation>形变网格</translation>
    </message>
    <message>
        <source>Layer geometry</source>
        <translation>层几何</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>Previous step (Left)</source>
        <translation>上一步（Left）</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Animate z₀ → z_K with in-between frames (P)</source>
        <translation>以含中间帧的动画演示 z₀ → z_K（P）</translation>
    </message>
    <message>
        <source>Next step (Right)</source>
        <translation>下一步（Right）</translation>
    </message>
    <message>
        <source>Animation speed (tenths of a layer per second… to 4 layers per second)</source>
        <translation>动画速度（每秒十分之一层…至每秒 4 层）</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Points from a CSV file</source>
        <translation>从 CSV 文件读取点</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>CSV 文件 (*.csv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>CSV: %1</source>
        <translation>CSV：%1</translation>
    </message>
    <message>
        <source>Preset: %1</source>
        <translation>预设：%1</translation>
    </message>
    <message>
        <source>Draw points with the mouse (right button erases), then press Train.</source>
        <translation>用鼠标绘制点（右键擦除），然后点击“训练”。</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>between q%1 and q%2 (%3 % of layer %2, %4)</source>
        <translation>介于 q%1 与 q%2 之间（第 %2 层的 %3 %，%4）</translation>
    </message>
    <message>
        <source>q%1 after layer %1 (%2)</source>
        <translation>第 %1 层之后的 q%1（%2）</translation>
    </message>
    <message>
        <source>Some lines of the file were skipped: %1</source>
        <translation>文件中有些行被跳过：%1</translation>
    </message>
    <message>
        <source>Ready: %1 with %2 %3 layers. Press Train.</source>
        <translation>就绪：%1，%2 层 %3。请点击“训练”。</translation>
    </message>
    <message>
        <source>&lt;b&gt;step %1&lt;/b&gt; / %2 · %3 steps/s</source>
        <translation>&lt;b&gt;第 %1 步&lt;/b&gt; / %2 · %3 步/s</translation>
    </message>
    <message>
        <source>loss %1</source>
        <translation>损失 %1</translation>
    </message>
    <message>
        <source>&lt;br&gt;KL(q‖p) %1 · ESS %2</source>
        <translation>&lt;br&gt;KL(q‖p) %1 · ESS %2</translation>
    </message>
    <message>
        <source>&lt;br&gt;annealing β = %1</source>
        <translation>&lt;br&gt;退火 β = %1</translation>
    </message>
    <message>
        <source>&lt;br&gt;NLL %1 nats</source>
        <translation>&lt;br&gt;NLL %1 nats</translation>
    </message>
    <message numerus="yes">
        <source>&lt;br&gt;%n step(s) rolled back (non-finite)</source>
        <translation>
            <numerusform>&lt;br&gt;%n 步已回滚（非有限值）</numerusform>
        </translation>
    </message>
    <message>
        <source>Layer %1: log|det J|</source>
        <translation>第 %1 层：log|det J|</translation>
    </message>
    <message>
        <source>q0: no layer yet</source>
        <translation>q0：尚无层</translation>
    </message>
    <message>
        <source>Layers 1–%1: Σ log|det J|</source>
        <translation>第 1–%1 层：Σ log|det J|</translation>
    </message>
    <message>
        <source>Σ log|det J| (none yet)</source>
        <translation>Σ log|det J|（尚无）</translation>
    </message>
    <message>
        <source>layer %1: %2</source>
        <translation>第 %1 层：%2</translation>
    </message>
    <message>
        <source>Training: step %1 of %2</source>
        <translation>训练中：第 %1 / %2 步</translation>
    </message>
    <message>
        <source>Exported the view to %1</source>
        <translation>视图已导出到 %1</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>Exported the step strip to %1</source>
        <translation>步骤条已导出到 %1</translation>
    </message>
    <message>
        <source>Exported the loss curve to %1</source>
        <translation>损失曲线已导出到 %1</translation>
    </message>
    <message>
        <source>planar</source>
        <translation>平面流</translation>
    </message>
    <message>
        <source>radial</source>
        <translation>径向流</translation>
    </message>
    <message>
        <source>affine coupling</source>
        <translation>仿射耦合</translation>
    </message>
    <message>
        <source>additive coupling</source>
        <translation>加性耦合</translation>
    </message>
    <message>
        <source>ActNorm</source>
        <translation>ActNorm</translation>
    </message>
    <message>
        <source>permutation</source>
        <translation>置换</translation>
    </message>
    <message>
        <source>Where the density comes from</source>
        <translation>密度从何而来</translation>
    </message>
    <message>
        <source>Stop on a step to see where a point&apos;s density comes from.</source>
        <translation>停在某一步上，才能查看某点的密度从何而来。</translation>
    </message>
    <message>
        <source>An animation is being exported already.</source>
        <translation>已有一个动画正在导出。</translation>
    </message>
    <message>
        <source>Rendering %1 frames…</source>
        <translation>正在渲染 %1 帧…</translation>
    </message>
    <message>
        <source>Layers set by hand</source>
        <translation>手动设置的层</translation>
    </message>
    <message>
        <source>Gaussian N(0, I)</source>
        <translation>高斯 N(0, I)</translation>
    </message>
    <message>
        <source>Uniform on [−2, 2]²</source>
        <translation>[−2, 2]² 上的均匀分布</translation>
    </message>
    <message>
        <source>The base density q0 that the layers transform (Rezende &amp; Mohamed&apos;s Figure 1 shows both). A uniform base gives zero density outside its square, so it fits energies and hand-set layers, not data sets.</source>
        <translation>各层所变换的基础密度 q0（Rezende 与 Mohamed 的图 1 两者都有）。均匀基础分布在其正方形之外密度为零，因此适用于能量目标和手动设置的层，不适用于数据集。</translation>
    </message>
    <message>
        <source>Base</source>
        <translation>基础分布</translation>
    </message>
    <message>
        <source>Edit by hand</source>
        <translation>手动编辑</translation>
    </message>
    <message>
        <source>Drag the handles of the layer shown (select a step 1…K) and type parameters in the table; planar and radial flows (Ctrl+M; Ctrl+Z undoes)</source>
        <translation>拖动所显示层的控制点（选择第 1…K 步），或在表格中输入参数；适用于平面流和径向流（Ctrl+M；Ctrl+Z 撤销）</translation>
    </message>
    <message>
        <source>q0: the base density %1</source>
        <translation>q0：基础密度 %1</translation>
    </message>
    <message>
        <source>q0: base %1</source>
        <translation>q0：基础 %1</translation>
    </message>
    <message>
        <source>U([−2, 2]²)</source>
        <translation>U([−2, 2]²)</translation>
    </message>
    <message>
        <source>N(0, I)</source>
        <translation>N(0, I)</translation>
    </message>
    <message>
        <source>Manual mode: select a step 1…K and drag its layer&apos;s handles, or type values in the table. Ctrl+Z undoes.</source>
        <translation>手动模式：选择第 1…K 步并拖动该层的控制点，或在表格中输入数值。Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <source>Manual mode sets planar and radial layers; choose one of those flows.</source>
        <translation>手动模式用于设置平面层和径向层；请选择这两种流之一。</translation>
    </message>
    <message>
        <source>● Recording (%1)</source>
        <translation>● 正在录制（%1）</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>录制</translation>
    </message>
    <message>
        <source>Record every drag and typed value, to save them as an animated GIF</source>
        <translation>录制每一次拖动和输入的数值，以便保存为 GIF 动画</translation>
    </message>
    <message>
        <source>Save recording…</source>
        <translation>保存录制…</translation>
    </message>
    <message>
        <source>Save recording</source>
        <translation>保存录制</translation>
    </message>
    <message>
        <source>Animated GIF (*.gif)</source>
        <translation>GIF 动画 (*.gif)</translation>
    </message>
    <message>
        <source>Rendering %1 recorded frames…</source>
        <translation>正在渲染录制的 %1 帧…</translation>
    </message>
    <message>
        <source>Layer 1: Σ log|det J|</source>
        <translation>第 1 层：Σ log|det J|</translation>
    </message>
    <message>
        <source>%1 %2 layers, set by hand: select a step 1…%1 and drag its handles, or press Train.</source>
        <translation>%1 个%2层，手动设置：选择第 1…%1 步并拖动其控制点，或按“训练”。</translation>
    </message>
</context>
<context>
    <name>flowscope::Flow2DWorker</name>
    <message>
        <source>Draw at least two points before training on them.</source>
        <translation>请至少绘制两个点再开始训练。</translation>
    </message>
    <message>
        <source>your drawing</source>
        <translation>手绘数据</translation>
    </message>
    <message>
        <source>The step gave a non-finite loss; the last good parameters were restored.</source>
        <translation>该步损失为非有限值；已恢复上一组正常参数。</translation>
    </message>
    <message>
        <source>Step %1 gave a non-finite loss or gradient: update skipped, last good parameters restored.</source>
        <translation>第 %1 步的损失或梯度为非有限值：已跳过更新，并恢复上一组正常参数。</translation>
    </message>
    <message>
        <source>Pause training before setting a layer by hand.</source>
        <translation>手动设置层之前请先暂停训练。</translation>
    </message>
    <message>
        <source>Record at least one change of a layer first.</source>
        <translation>请先录制至少一次对层的修改。</translation>
    </message>
</context>
<context>
    <name>flowscope::GlowTrainWorker</name>
    <message>
        <source>The built-in faces are RGB: choose 3 channels.</source>
        <translation>内置人脸为 RGB 图像：请选择 3 个通道。</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练中</translation>
    </message>
    <message>
        <source>Step %1 gave a non-finite loss: update skipped, last good parameters restored.</source>
        <translation>第 %1 步的损失为非有限值：已跳过更新，并恢复上一组正常参数。</translation>
    </message>
    <message>
        <source>computing attribute vectors</source>
        <translation>正在计算属性向量</translation>
    </message>
    <message>
        <source>No output file was chosen, so the model was not saved.</source>
        <translation>未选择输出文件，因此模型未保存。</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>flowscope::HamiltonianPage</name>
    <message>
        <source>Gaussian: U = q²/2</source>
        <translation>高斯：U = q²/2</translation>
    </message>
    <message>
        <source>Double well: U = 4(q² − 1)²</source>
        <translation>双势阱：U = 4(q² − 1)²</translation>
    </message>
    <message>
        <source>Two Gaussians at ±2</source>
        <translation>位于 ±2 的两个高斯</translation>
    </message>
    <message>
        <source>The leapfrog step ε: larger steps drift further from H&apos;s level sets</source>
        <translation>蛙跳步长 ε：步长越大，偏离 H 等值线越远</translation>
    </message>
    <message>
        <source>Leapfrog steps in one application of the map (an HMC proposal uses L of them)</source>
        <translation>映射一次所含的蛙跳步数（一次 HMC 提议使用 L 步）</translation>
    </message>
    <message>
        <source>Clear orbits</source>
        <translation>清除轨道</translation>
    </message>
    <message>
        <source>Hamiltonian flow</source>
        <translation>哈密顿流</translation>
    </message>
    <message>
        <source>Target:</source>
        <translation>目标：</translation>
    </message>
    <message>
        <source>Step ε:</source>
        <translation>步长 ε：</translation>
    </message>
    <message>
        <source>Steps L:</source>
        <translation>步数 L：</translation>
    </message>
    <message>
        <source>Click the phase plane to start an orbit there.</source>
        <translation>点击相平面，从该点开始一条轨道。</translation>
    </message>
    <message>
        <source>Grid after one map</source>
        <translation>映射一次后的网格</translation>
    </message>
    <message>
        <source>Level sets of H</source>
        <translation>H 的等值线</translation>
    </message>
    <message>
        <source>Orbits</source>
        <translation>轨道</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>Hamiltonian flow: volume preserved</source>
        <translation>哈密顿流：保持体积</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>映射</translation>
    </message>
    <message>
        <source>H(q, p) = U(q) + ½p². Leapfrog: p ← p − (ε/2)U′(q); q ← q + εp; p ← p − (ε/2)U′(q).</source>
        <translation>H(q, p) = U(q) + ½p²。蛙跳法：p ← p − (ε/2)U′(q)；q ← q + εp；p ← p − (ε/2)U′(q)。</translation>
    </message>
    <message>
        <source>Log-determinant</source>
        <translation>对数行列式</translation>
    </message>
    <message>
        <source>Each update is a shear, so |det J| = 1 and log|det J| = 0: the density is carried along unchanged, no Jacobian to pay. The heatmap measures it by finite differences.</source>
        <translation>每次更新都是剪切变换，因此 |det J| = 1，log|det J| = 0：密度随之不变地移动，无需付出雅可比代价。热图用有限差分测量它。</translation>
    </message>
    <message>
        <source>Reversible</source>
        <translation>可逆</translation>
    </message>
    <message>
        <source>Flip p, apply the map, flip p again: the start comes back (to rounding).</source>
        <translation>翻转 p，施加映射，再翻转 p：回到起点（在舍入误差内）。</translation>
    </message>
    <message>
        <source>Link to HMC</source>
        <translation>与 HMC 的联系</translation>
    </message>
    <message>
        <source>Hamiltonian Monte Carlo proposes the end of L leapfrog steps from a fresh Gaussian p and accepts it with probability min(1, e^{−ΔH}); volume preservation and reversibility make that acceptance rule exact. ΔH ≠ 0 only because ε &gt; 0.</source>
        <translation>哈密顿蒙特卡洛从新抽取的高斯动量 p 出发，以 L 步蛙跳的终点作为提议，并以概率 min(1, e^{−ΔH}) 接受；体积保持与可逆性使这一接受规则精确成立。ΔH ≠ 0 仅仅因为 ε &gt; 0。</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>论文</translation>
    </message>
    <message>
        <source>Rezende and Mohamed 2015, §3.2; Neal 2011</source>
        <translation>Rezende 与 Mohamed 2015，§3.2；Neal 2011</translation>
    </message>
    <message>
        <source>Phase space (q, p): e^{−H}, its level sets, one map&apos;s grid</source>
        <translation>相空间 (q, p)：e^{−H}、其等值线与映射一次后的网格</translation>
    </message>
    <message>
        <source>max |log|det J|| = %1 (volume preserved)&lt;br/&gt;reversibility error = %2&lt;br/&gt;energy drift max |ΔH| along the orbits = %3</source>
        <translation>最大 |log|det J|| = %1（体积保持）&lt;br/&gt;可逆性误差 = %2&lt;br/&gt;沿轨道的能量漂移 最大 |ΔH| = %3</translation>
    </message>
    <message>
        <source>position q</source>
        <translation>位置 q</translation>
    </message>
    <message>
        <source>momentum p</source>
        <translation>动量 p</translation>
    </message>
    <message>
        <source>density e^{−H}/Z</source>
        <translation>密度 e^{−H}/Z</translation>
    </message>
    <message>
        <source>q</source>
        <translation>q</translation>
    </message>
    <message>
        <source>p</source>
        <translation>p</translation>
    </message>
    <message>
        <source>log|det J|, measured</source>
        <translation>log|det J|（测量值）</translation>
    </message>
</context>
<context>
    <name>flowscope::LangevinPage</name>
    <message>
        <source>%1 × %1 cells</source>
        <translation>%1 × %1 个单元</translation>
    </message>
    <message>
        <source>The Fokker–Planck grid: finer is more accurate and slower (the stable step shrinks as h²)</source>
        <translation>Fokker–Planck 网格：越细越精确，也越慢（稳定步长按 h² 缩小）</translation>
    </message>
    <message>
        <source>Euler–Maruyama sample paths drawn over the density (0: none)</source>
        <translation>在密度上绘制的 Euler–Maruyama 样本路径（0：不绘制）</translation>
    </message>
    <message>
        <source>Langevin flow</source>
        <translation>朗之万流</translation>
    </message>
    <message>
        <source>Target:</source>
        <translation>目标：</translation>
    </message>
    <message>
        <source>Grid:</source>
        <translation>网格：</translation>
    </message>
    <message>
        <source>Start mean:</source>
        <translation>初始均值：</translation>
    </message>
    <message>
        <source>Start σ:</source>
        <translation>初始 σ：</translation>
    </message>
    <message>
        <source>Particles:</source>
        <translation>粒子：</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Run the flow (P or Space)</source>
        <translation>运行流（P 或空格）</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Move on by t = 0.1 (Ctrl+.)</source>
        <translation>前进 t = 0.1（Ctrl+.）</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Back to t = 0 (Ctrl+R)</source>
        <translation>回到 t = 0（Ctrl+R）</translation>
    </message>
    <message>
        <source>Speed: %1 time units per second</source>
        <translation>速度：每秒 %1 个时间单位</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>播放控制</translation>
    </message>
    <message>
        <source>Particles (samples of the SDE)</source>
        <translation>粒子（随机微分方程的样本）</translation>
    </message>
    <message>
        <source>Contours of U</source>
        <translation>U 的等高线</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>Langevin flow: an infinitesimal flow</source>
        <translation>朗之万流：一种无穷小流</translation>
    </message>
    <message>
        <source>Dynamics</source>
        <translation>动力学</translation>
    </message>
    <message>
        <source>dz = −∇U(z) dt + √2 dW, W a Brownian motion (Rezende and Mohamed 2015, §3.2).</source>
        <translation>dz = −∇U(z) dt + √2 dW，W 为布朗运动（Rezende 与 Mohamed 2015，§3.2）。</translation>
    </message>
    <message>
        <source>Its density</source>
        <translation>它的密度</translation>
    </message>
    <message>
        <source>p_t obeys the Fokker–Planck equation ∂p/∂t = ∇·(p ∇U) + Δp. Whatever p₀ is, p_t → e^{−U}/Z as t → ∞: an infinitely long flow can reach the target exactly.</source>
        <translation>p_t 服从 Fokker–Planck 方程 ∂p/∂t = ∇·(p ∇U) + Δp。无论 p₀ 为何，当 t → ∞ 时 p_t → e^{−U}/Z：无限长的流可以精确到达目标。</translation>
    </message>
    <message>
        <source>On screen</source>
        <translation>屏幕上</translation>
    </message>
    <message>
        <source>The large view is p_t computed on the grid by finite volumes: mass only moves between neighbouring cells, so it stays 1 and no density becomes negative, and KL(p_t ‖ p) never rises. The white dots are samples (Euler–Maruyama paths of the SDE), not the density.</source>
        <translation>大图是用有限体积法在网格上计算的 p_t：质量只在相邻单元之间移动，因此总质量保持为 1，密度不会变为负值，KL(p_t ‖ p) 也从不上升。白点是样本（随机微分方程的 Euler–Maruyama 路径），不是密度本身。</translation>
    </message>
    <message>
        <source>Why it matters</source>
        <translation>为什么重要</translation>
    </message>
    <message>
        <source>A finite planar or radial flow only approximates the target; the Langevin flow shows what the family of normalizing flows can reach in the limit, at the price of infinitely many steps.</source>
        <translation>有限的平面流或径向流只能近似目标；朗之万流展示了标准化流族在极限下能够达到的结果，代价是无穷多步。</translation>
    </message>
    <message>
        <source>Target p = e^{−U}/Z (%1)</source>
        <translation>目标 p = e^{−U}/Z（%1）</translation>
    </message>
    <message>
        <source>p_t at t = %1 (Fokker–Planck on the grid)</source>
        <translation>t = %1 时的 p_t（网格上的 Fokker–Planck）</translation>
    </message>
    <message>
        <source>p_t has reached the target: KL below %1.</source>
        <translation>p_t 已到达目标：KL 低于 %1。</translation>
    </message>
    <message>
        <source>Stopped at t = %1.</source>
        <translation>已在 t = %1 停止。</translation>
    </message>
    <message>
        <source>t = %1 · KL(p_t ‖ p) = %2 nats&lt;br/&gt;mass − 1 = %3 · min p = %4&lt;br/&gt;%5 steps of dt = %6</source>
        <translation>t = %1 · KL(p_t ‖ p) = %2 nats&lt;br/&gt;质量 − 1 = %3 · 最小 p = %4&lt;br/&gt;%5 步，dt = %6</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <source>density p_t(z)</source>
        <translation>密度 p_t(z)</translation>
    </message>
    <message>
        <source>density p(z)</source>
        <translation>密度 p(z)</translation>
    </message>
    <message>
        <source>A shape I draw</source>
        <translation>我画的形状</translation>
    </message>
    <message>
        <source>Rezende and Mohamed&apos;s energies, or a shape drawn on the large view with the mouse (right button erases): its smoothed density becomes the target</source>
        <translation>Rezende 与 Mohamed 的能量函数，或用鼠标在大视图上画出的形状（右键擦除）：其平滑后的密度成为目标</translation>
    </message>
    <message>
        <source>Draw the target on the large view (right button erases); the flow restarts from p₀ after every stroke.</source>
        <translation>在大视图上画出目标（右键擦除）；每画一笔，流都会从 p₀ 重新开始。</translation>
    </message>
    <message>
        <source>Clear drawing</source>
        <translation>清除图形</translation>
    </message>
    <message>
        <source>A shape you draw</source>
        <translation>你画的形状</translation>
    </message>
    <message>
        <source>Its target is the points&apos; smoothed density (a Gaussian kernel of width 0.25 around each point) and U is minus its logarithm, so −∇U pulls every path towards the drawing and p_t becomes the drawing itself.</source>
        <translation>目标是这些点平滑后的密度（每个点周围宽度为 0.25 的高斯核），U 是其对数的相反数，因此 −∇U 把每条路径拉向图形，p_t 最终就成为图形本身。</translation>
    </message>
    <message>
        <source>Draw the target here</source>
        <translation>在这里画出目标</translation>
    </message>
    <message>
        <source>Draw a shape on the large view: the Langevin flow will carry p₀ to it.</source>
        <translation>请在大视图上画一个形状：朗之万流会把 p₀ 带到它那里。</translation>
    </message>
    <message>
        <source>Rendering %1 frames of t = 0…%2…</source>
        <translation>正在渲染 t = 0…%2 的 %1 帧…</translation>
    </message>
</context>
<context>
    <name>flowscope::LangevinWorker</name>
    <message>
        <source>No Langevin flow is set up: choose a target and press Reset.</source>
        <translation>尚未建立朗之万流：请选择目标并按“重置”。</translation>
    </message>
    <message>
        <source>your drawing</source>
        <translation>你的图形</translation>
    </message>
</context>
<context>
    <name>flowscope::MainWindow</name>
    <message>
        <source>FlowScope</source>
        <translation>FlowScope</translation>
    </message>
    <message>
        <source>2D flows</source>
        <translation>2D 流</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Train Glow</source>
        <translation>训练 Glow</translation>
    </message>
    <message>
        <source>Glow ablation</source>
        <translation>Glow 消融实验</translation>
    </message>
    <message>
        <source>Flow-ELBO lab</source>
        <translation>Flow-ELBO 实验室</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Save model…</source>
        <translation>保存模型…</translation>
    </message>
    <message>
        <source>Save model</source>
        <translation>保存模型</translation>
    </message>
    <message>
        <source>FlowScope models (*.fsm)</source>
        <translation>FlowScope 模型 (*.fsm)</translation>
    </message>
    <message>
        <source>Export view…</source>
        <translation>导出视图…</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>Export view</source>
        <translation>导出视图</translation>
    </message>
    <message>
        <source>PNG image (*.png);;PDF document (*.pdf)</source>
        <translation>PNG 图像 (*.png);;PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Export step strip…</source>
        <translation>导出步骤条…</translation>
    </message>
    <message>
        <source>Export step strip</source>
        <translation>导出步骤条</translation>
    </message>
    <message>
        <source>Export loss curve…</source>
        <translation>导出损失曲线…</translation>
    </message>
    <message>
        <source>Export loss curve</source>
        <translation>导出损失曲线</translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>&amp;Presets</source>
        <translation>预设(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Pause / resume</source>
        <translation>暂停 / 继续</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Play / stop the animation</source>
        <translation>播放 / 停止动画</translation>
    </message>
    <message>
        <source>Previous step</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>About FlowScope</source>
        <translation>关于 FlowScope</translation>
    </message>
    <message>
        <source>&lt;b&gt;FlowScope&lt;/b&gt; %1&lt;br&gt;An explorer for normalizing flows. Every density shown is computed exactly by the change of variables.</source>
        <translation>&lt;b&gt;FlowScope&lt;/b&gt; %1&lt;br&gt;归一化流探索工具。所显示的每个密度都由变量变换公式精确计算。</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The interface language changes when FlowScope starts again.</source>
        <translation>界面语言将在下次启动 FlowScope 时更改。</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Langevin flow</source>
        <translation>朗之万流</translation>
    </message>
    <message>
        <source>Text and lines at %1 %</source>
        <translation>文字和线条为 %1 %</translation>
    </message>
    <message>
        <source>Export animation…</source>
        <translation>导出动画…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+E</source>
        <translation>Ctrl+Shift+E</translation>
    </message>
    <message>
        <source>Export animation</source>
        <translation>导出动画</translation>
    </message>
    <message>
        <source>Animated GIF (*.gif)</source>
        <translation>GIF 动画 (*.gif)</translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation>全屏</translation>
    </message>
    <message>
        <source>Larger text and lines</source>
        <translation>放大文字和线条</translation>
    </message>
    <message>
        <source>Smaller text and lines</source>
        <translation>缩小文字和线条</translation>
    </message>
    <message>
        <source>Normal size</source>
        <translation>正常大小</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>高对比度</translation>
    </message>
    <message>
        <source>Opened the demo %1</source>
        <translation>已打开演示 %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Open demo</source>
        <translation>打开演示</translation>
    </message>
    <message>
        <source>Saved the demo %1</source>
        <translation>已保存演示 %1</translation>
    </message>
    <message>
        <source>Open demo…</source>
        <translation>打开演示…</translation>
    </message>
    <message>
        <source>FlowScope demos (*.flowscope)</source>
        <translation>FlowScope 演示 (*.flowscope)</translation>
    </message>
    <message>
        <source>Save demo…</source>
        <translation>保存演示…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+S</source>
        <translation>Ctrl+Shift+S</translation>
    </message>
    <message>
        <source>Save demo</source>
        <translation>保存演示</translation>
    </message>
    <message>
        <source>Hamiltonian flow</source>
        <translation>哈密顿流</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>Undo layer change</source>
        <translation>撤销层的修改</translation>
    </message>
    <message>
        <source>Redo layer change</source>
        <translation>重做层的修改</translation>
    </message>
    <message>
        <source>Edit layers by hand</source>
        <translation>手动编辑层</translation>
    </message>
</context>
<context>
    <name>flowscope::VaeLabPage</name>
    <message>
        <source>K = 0 (mean field)</source>
        <translation>K = 0（平均场）</translation>
    </message>
    <message>
        <source>K = %1 planar layers</source>
        <translation>K = %1 个平面流层</translation>
    </message>
    <message>
        <source>The shipped models: one architecture, budget and seed, K amortised planar layers</source>
        <translation>自带模型：相同的网络结构、训练预算和随机种子，K 个摊销平面流层</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <source>K = </source>
        <translation>K = </translation>
    </message>
    <message>
        <source> steps</source>
        <translation> 步</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Train a new lab model with K layers on the worker (the page stays live)</source>
        <translation>在后台工作进程中训练一个 K 层的新实验模型（页面保持可用）</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>New:</source>
        <translation>新建：</translation>
    </message>
    <message>
        <source>Reading the test images…</source>
        <translation>正在读取测试图像…</translation>
    </message>
    <message>
        <source>Click: this image&apos;s exact posterior</source>
        <translation>点击：查看该图像的精确后验</translation>
    </message>
    <message>
        <source>The image as the model sees it (the fixed binarisation)</source>
        <translation>模型眼中的图像（固定的二值化）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Test images&lt;/b&gt; — click one</source>
        <translation>&lt;b&gt;测试图像&lt;/b&gt;——点击其中一张</translation>
    </message>
    <message>
        <source>Prior samples appear with the first image</source>
        <translation>出现第一张图像后将显示先验样本</translation>
    </message>
    <message>
        <source>Click an image</source>
        <translation>点击一张图像</translation>
    </message>
    <message>
        <source>&lt;b&gt;z ~ p(z)&lt;/b&gt;: the prior, decoded</source>
        <translation>&lt;b&gt;z ~ p(z)&lt;/b&gt;：先验，经解码</translation>
    </message>
    <message>
        <source>&lt;b&gt;z ~ q&lt;sub&gt;K&lt;/sub&gt;(z | x)&lt;/b&gt;: the clicked image&apos;s posterior, decoded</source>
        <translation>&lt;b&gt;z ~ q&lt;sub&gt;K&lt;/sub&gt;(z | x)&lt;/b&gt;：所点击图像的后验，经解码</translation>
    </message>
    <message>
        <source>ELBO</source>
        <translation>ELBO</translation>
    </message>
    <message>
        <source>Latent map</source>
        <translation>隐空间图</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>Opening the shipped model and reading the Fashion-MNIST test images…</source>
        <translation>正在打开自带模型并读取 Fashion-MNIST 测试图像…</translation>
    </message>
    <message>
        <source>Open a VAE model</source>
        <translation>打开 VAE 模型</translation>
    </message>
    <message>
        <source>FlowScope models (*.fsm);;All files (*)</source>
        <translation>FlowScope 模型 (*.fsm);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Training K = %1 for %2 steps on the worker…</source>
        <translation>正在后台训练 K = %1，共 %2 步…</translation>
    </message>
    <message>
        <source>K = %1, %2</source>
        <translation>K = %1，%2</translation>
    </message>
    <message>
        <source>Model: %1.</source>
        <translation>模型：%1。</translation>
    </message>
    <message>
        <source>%1: %2 images to pick from; the latent map shows the first 2000.</source>
        <translation>%1：共 %2 张图像可选；隐空间图显示前 2000 张。</translation>
    </message>
    <message>
        <source>Test image %1%2</source>
        <translation>测试图像 %1%2</translation>
    </message>
    <message>
        <source>q_K = q₀ (K = 0)</source>
        <translation>q_K = q₀（K = 0）</translation>
    </message>
    <message>
        <source>q_%1(z | x)</source>
        <translation>q_%1(z | x)</translation>
    </message>
    <message>
        <source>Exact posterior p(z | x) of test image %1 (50 %, 90 %, 99 % contours)</source>
        <translation>测试图像 %1 的精确后验 p(z | x)（50 %、90 %、99 % 等高线）</translation>
    </message>
    <message>
        <source>Image %1: ln p(x) = %2 by quadrature (∫q_K = %3), computed in %4 ms.</source>
        <translation>图像 %1：ln p(x) = %2（数值积分，∫q_K = %3），用时 %4 ms。</translation>
    </message>
    <message>
        <source>ln p(x) = ELBO + KL(q&lt;sub&gt;%1&lt;/sub&gt; ‖ p(z|x)):&amp;nbsp; &lt;b&gt;%2&lt;/b&gt; = %3 + &lt;span style=&apos;color:#c05010&apos;&gt;%4&lt;/span&gt;&lt;br&gt;KL of q&lt;sub&gt;0&lt;/sub&gt; before the flow %5, of the best diagonal Gaussian for this posterior %6</source>
        <translation>ln p(x) = ELBO + KL(q&lt;sub&gt;%1&lt;/sub&gt; ‖ p(z|x)):&amp;nbsp; &lt;b&gt;%2&lt;/b&gt; = %3 + &lt;span style=&apos;color:#c05010&apos;&gt;%4&lt;/span&gt;&lt;br&gt;流变换前 q&lt;sub&gt;0&lt;/sub&gt; 的 KL 为 %5，该后验的最优对角高斯的 KL 为 %6</translation>
    </message>
    <message>
        <source>Training: step %1 of %2, ELBO %3 nats (average %4), %5 steps/s, %6 left.%7</source>
        <translation>训练中：第 %1 / %2 步，ELBO %3 nats（平均 %4），%5 步/s，剩余 %6。%7</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>错误：%1</translation>
    </message>
</context>
<context>
    <name>flowscope::VaeLabWorker</name>
    <message>
        <source>shipped</source>
        <translation>自带</translation>
    </message>
    <message>
        <source>Trained %1 steps; ELBO ≈ %2 nats per image (training batches).</source>
        <translation>已训练 %1 步；ELBO ≈ %2 nats/图像（训练批次）。</translation>
    </message>
    <message>
        <source>trained here</source>
        <translation>本地训练</translation>
    </message>
    <message>
        <source>Stopped at step %1; the open model is unchanged.</source>
        <translation>已在第 %1 步停止；当前打开的模型未改变。</translation>
    </message>
    <message>
        <source>Training failed; the open model is unchanged.</source>
        <translation>训练失败；当前打开的模型未改变。</translation>
    </message>
</context>
<context>
    <name>flowscope::ui::AblationPlot</name>
    <message>
        <source>Additive coupling</source>
        <translation>加性耦合</translation>
    </message>
    <message>
        <source>Affine coupling</source>
        <translation>仿射耦合</translation>
    </message>
    <message>
        <source>reverse</source>
        <translation>通道翻转</translation>
    </message>
    <message>
        <source>shuffle</source>
        <translation>随机置换</translation>
    </message>
    <message>
        <source>1×1 convolution</source>
        <translation>1×1 卷积</translation>
    </message>
    <message>
        <source>training iteration</source>
        <translation>训练迭代</translation>
    </message>
    <message>
        <source>held-out bits/dim</source>
        <translation>留出集 bits/dim</translation>
    </message>
</context>
<context>
    <name>flowscope::ui::AttributeSliders</name>
    <message>
        <source>This model has no attribute vectors</source>
        <translation>该模型没有属性向量</translation>
    </message>
    <message>
        <source>Strength α of “%1” (−1 … +1)</source>
        <translation>“%1”的强度 α（−1 … +1）</translation>
    </message>
    <message>
        <source>↺</source>
        <translation>↺</translation>
    </message>
    <message>
        <source>Reset “%1” to 0</source>
        <translation>将“%1”重置为 0</translation>
    </message>
    <message>
        <source>Reset %1</source>
        <translation>重置 %1</translation>
    </message>
    <message>
        <source>5 o’clock shadow</source>
        <translation>胡茬</translation>
    </message>
    <message>
        <source>Arched eyebrows</source>
        <translation>拱形眉</translation>
    </message>
    <message>
        <source>Attractive</source>
        <translation>有吸引力</translation>
    </message>
    <message>
        <source>Bags under eyes</source>
        <translation>眼袋</translation>
    </message>
    <message>
        <source>Bald</source>
        <translation>秃头</translation>
    </message>
    <message>
        <source>Bangs</source>
        <translation>刘海</translation>
    </message>
    <message>
        <source>Big lips</source>
        <translation>厚嘴唇</translation>
    </message>
    <message>
        <source>Big nose</source>
        <translation>大鼻子</translation>
    </message>
    <message>
        <source>Black hair</source>
        <translation>黑发</translation>
    </message>
    <message>
        <source>Blond hair</source>
        <translation>金发</translation>
    </message>
    <message>
        <source>Blurry</source>
        <translation>模糊</translation>
    </message>
    <message>
        <source>Brown hair</source>
        <translation>棕发</translation>
    </message>
    <message>
        <source>Bushy eyebrows</source>
        <translation>浓眉</translation>
    </message>
    <message>
        <source>Chubby</source>
        <translation>圆胖</translation>
    </message>
    <message>
        <source>Double chin</source>
        <translation>双下巴</translation>
    </message>
    <message>
        <source>Eyeglasses</source>
        <translation>眼镜</translation>
    </message>
    <message>
        <source>Goatee</source>
        <translation>山羊胡</translation>
    </message>
    <message>
        <source>Gray hair</source>
        <translation>白发</translation>
    </message>
    <message>
        <source>Heavy makeup</source>
        <translation>浓妆</translation>
    </message>
    <message>
        <source>High cheekbones</source>
        <translation>高颧骨</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>男性</translation>
    </message>
    <message>
        <source>Mouth slightly open</source>
        <translation>嘴微张</translation>
    </message>
    <message>
        <source>Mustache</source>
        <translation>八字胡</translation>
    </message>
    <message>
        <source>Narrow eyes</source>
        <translation>细眼</translation>
    </message>
    <message>
        <source>No beard</source>
        <translation>无胡须</translation>
    </message>
    <message>
        <source>Oval face</source>
        <translation>鹅蛋脸</translation>
    </message>
    <message>
        <source>Pale skin</source>
        <translation>白皙皮肤</translation>
    </message>
    <message>
        <source>Pointy nose</source>
        <translation>尖鼻子</translation>
    </message>
    <message>
        <source>Receding hairline</source>
        <translation>发际线后移</translation>
    </message>
    <message>
        <source>Rosy cheeks</source>
        <translation>红润脸颊</translation>
    </message>
    <message>
        <source>Sideburns</source>
        <translation>鬓角</translation>
    </message>
    <message>
        <source>Smiling</source>
        <translation>微笑</translation>
    </message>
    <message>
        <source>Straight hair</source>
        <translation>直发</translation>
    </message>
    <message>
        <source>Wavy hair</source>
        <translation>卷发</translation>
    </message>
    <message>
        <source>Wearing earrings</source>
        <translation>戴耳环</translation>
    </message>
    <message>
        <source>Wearing hat</source>
        <translation>戴帽子</translation>
    </message>
    <message>
        <source>Wearing lipstick</source>
        <translation>涂口红</translation>
    </message>
    <message>
        <source>Wearing necklace</source>
        <translation>戴项链</translation>
    </message>
    <message>
        <source>Wearing necktie</source>
        <translation>戴领带</translation>
    </message>
    <message>
        <source>Young</source>
        <translation>年轻</translation>
    </message>
</context>
<context>
    <name>flowscope::ui::BeforeAfterView</name>
    <message>
        <source>Before</source>
        <translation>之前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>之后</translation>
    </message>
</context>
<context>
    <name>flowscope::ui::BitsPlot</name>
    <message>
        <source>bits/dim</source>
        <translation>bits/dim</translation>
    </message>
    <message>
        <source>batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>running average</source>
        <translation>滑动平均</translation>
    </message>
</context>
<context>
    <name>flowscope::ui::ColorMapPlot</name>
    <message>
        <source>z₁</source>
        <translation>z₁</translation>
    </message>
    <message>
        <source>z₂</source>
        <translation>z₂</translation>
    </message>
</context>
<context>
    <name>flowscope::ui::DensityView</name>
    <message>
        <source>density q(z)</source>
        <translation>密度 q(z)</translation>
    </message>
    <message>
        <source>û</source>
        <translation>û</translation>
    </message>
    <message>
        <source>β &gt; 0: expands</source>
        <translation>β &gt; 0：扩张</translation>
    </message>
    <message>
        <source>β &lt; 0: contracts</source>
        <translation>β &lt; 0：收缩</translation>
    </message>
    <message>
        <source>β = 0: identity</source>
        <translation>β = 0：恒等</translation>
    </message>
    <message>
        <source>coupling: z₁ conditions z₂
(points move along z₂ only)</source>
        <translation>耦合：z₁ 作为 z₂ 的条件
（点只沿 z₂ 移动）</translation>
    </message>
    <message>
        <source>coupling: z₂ conditions z₁
(points move along z₁ only)</source>
        <translation>耦合：z₂ 作为 z₁ 的条件
（点只沿 z₁ 移动）</translation>
    </message>
</context>
<context>
    <name>flowscope::ui::ElboBars</name>
    <message>
        <source>q₀</source>
        <translation>q₀</translation>
    </message>
    <message>
        <source>best
Gaussian</source>
        <translation>最优
高斯</translation>
    </message>
    <message>
        <source>q_K</source>
        <translation>q_K</translation>
    </message>
    <message>
        <source>KL(q ‖ p(z|x)), nats</source>
        <translation>KL(q ‖ p(z|x))，nats</translation>
    </message>
    <message>
        <source>E ln
p(x|z)</source>
        <translation>E ln
p(x|z)</translation>
    </message>
    <message>
        <source>E ln
p(z)</source>
        <translation>E ln
p(z)</translation>
    </message>
    <message>
        <source>H[q_K]</source>
        <translation>H[q_K]</translation>
    </message>
    <message>
        <source>ELBO</source>
        <translation>ELBO</translation>
    </message>
    <message>
        <source>ln p(x)</source>
        <translation>ln p(x)</translation>
    </message>
    <message>
        <source>nats</source>
        <translation>nats</translation>
    </message>
</context>
<context>
    <name>flowscope::ui::ImageGrid</name>
    <message>
        <source>No images yet</source>
        <translation>暂无图像</translation>
    </message>
    <message>
        <source>Click to edit this face</source>
        <translation>点击编辑这张人脸</translation>
    </message>
</context>
<context>
    <name>flowscope::ui::KlCurve</name>
    <message>
        <source>time t</source>
        <translation>时间 t</translation>
    </message>
    <message>
        <source>KL(p_t ‖ p)</source>
        <translation>KL(p_t ‖ p)</translation>
    </message>
</context>
<context>
    <name>flowscope::ui::LatentMapView</name>
    <message>
        <source>The decoder over the latent plane; dots: where test images land (their μ(x))</source>
        <translation>解码器在隐平面上的输出；圆点：测试图像的落点（其 μ(x)）</translation>
    </message>
</context>
<context>
    <name>flowscope::ui::LayerTable</name>
    <message>
        <source>layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>z0₁</source>
        <translation>z0₁</translation>
    </message>
    <message>
        <source>z0₂</source>
        <translation>z0₂</translation>
    </message>
    <message>
        <source>α</source>
        <translation>α</translation>
    </message>
    <message>
        <source>β</source>
        <translation>β</translation>
    </message>
    <message>
        <source>α + β ≥ 0</source>
        <translation>α + β ≥ 0</translation>
    </message>
    <message>
        <source>w₁</source>
        <translation>w₁</translation>
    </message>
    <message>
        <source>w₂</source>
        <translation>w₂</translation>
    </message>
    <message>
        <source>b</source>
        <translation>b</translation>
    </message>
    <message>
        <source>û₁</source>
        <translation>û₁</translation>
    </message>
    <message>
        <source>û₂</source>
        <translation>û₂</translation>
    </message>
    <message>
        <source>wᵀû ≥ −1</source>
        <translation>wᵀû ≥ −1</translation>
    </message>
    <message>
        <source>Type a value to set it; values that break invertibility snap to the boundary. Ctrl+Z undoes.</source>
        <translation>输入数值即可设置；破坏可逆性的数值会被吸附到边界上。Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <source>Only planar and radial layers are set by hand.</source>
        <translation>只有平面层和径向层可以手动设置。</translation>
    </message>
</context>
<context>
    <name>flowscope::ui::LedgerTable</name>
    <message>
        <source>k</source>
        <translation>k</translation>
    </message>
    <message>
        <source>z_k</source>
        <translation>z_k</translation>
    </message>
    <message>
        <source>log|det J_k|</source>
        <translation>log|det J_k|</translation>
    </message>
    <message>
        <source>log q_k(z_k)</source>
        <translation>log q_k(z_k)</translation>
    </message>
    <message>
        <source>area ratio · |det J_k|</source>
        <translation>面积比 · |det J_k|</translation>
    </message>
    <message>
        <source>The clicked point traced back through the layers&apos; inverses: each row subtracts layer k&apos;s log-determinant from the density of the step before. The last column compares how much a small square around the point shrank or grew through layer k with |det J_k|.</source>
        <translation>所点击的点经各层的逆变换回溯：每一行都从上一步的密度中减去第 k 层的对数行列式。最后一列把该点周围小正方形经过第 k 层后缩小或放大的比例与 |det J_k| 相比较。</translation>
    </message>
    <message>
        <source>Click a point of the large view to see where its density comes from.</source>
        <translation>在大视图中点击一个点，查看它的密度从何而来。</translation>
    </message>
    <message>
        <source>log q&lt;sub&gt;0&lt;/sub&gt;(z&lt;sub&gt;0&lt;/sub&gt;) − Σ&lt;sub&gt;k&lt;/sub&gt; log|det J&lt;sub&gt;k&lt;/sub&gt;| = %1 − (%2) = &lt;b&gt;%3&lt;/b&gt; = log q&lt;sub&gt;%4&lt;/sub&gt; at (%5, %6); q&lt;sub&gt;%4&lt;/sub&gt; = %7</source>
        <translation>log q&lt;sub&gt;0&lt;/sub&gt;(z&lt;sub&gt;0&lt;/sub&gt;) − Σ&lt;sub&gt;k&lt;/sub&gt; log|det J&lt;sub&gt;k&lt;/sub&gt;| = %1 − (%2) = &lt;b&gt;%3&lt;/b&gt;，即点 (%5, %6) 处的 log q&lt;sub&gt;%4&lt;/sub&gt;；q&lt;sub&gt;%4&lt;/sub&gt; = %7</translation>
    </message>
</context>
<context>
    <name>flowscope::ui::LogdetView</name>
    <message>
        <source>log|det J|</source>
        <translation>log|det J|</translation>
    </message>
</context>
<context>
    <name>flowscope::ui::LossPlot</name>
    <message>
        <source>loss, KL, NLL</source>
        <translation>损失、KL、NLL</translation>
    </message>
    <message>
        <source>ESS, β</source>
        <translation>ESS、β</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>KL(q‖p)</source>
        <translation>KL(q‖p)</translation>
    </message>
    <message>
        <source>ESS</source>
        <translation>ESS</translation>
    </message>
    <message>
        <source>β (annealing)</source>
        <translation>β（退火）</translation>
    </message>
    <message>
        <source>NLL</source>
        <translation>NLL</translation>
    </message>
</context>
<context>
    <name>flowscope::ui::PhotoDropArea</name>
    <message>
        <source>Drop a photo here or click Open…</source>
        <translation>将照片拖放到此处，或点击“打开…”</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Photo drop area</source>
        <translation>照片拖放区</translation>
    </message>
    <message>
        <source>Choose a photo of a face to encode</source>
        <translation>选择一张要编码的人脸照片</translation>
    </message>
</context>
<context>
    <name>flowscope::ui::PosteriorView</name>
    <message>
        <source>p(z | x)</source>
        <translation>p(z | x)</translation>
    </message>
    <message>
        <source>q₀(z | x), before the flow</source>
        <translation>q₀(z | x)，流变换之前</translation>
    </message>
    <message>
        <source>q_K(z | x)</source>
        <translation>q_K(z | x)</translation>
    </message>
    <message>
        <source>Click an image: its exact posterior appears here</source>
        <translation>点击一张图像：其精确后验将显示在这里</translation>
    </message>
</context>
<context>
    <name>flowscope::ui::SeriesPlot</name>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
</context>
<context>
    <name>flowscope::ui::StepStrip</name>
    <message>
        <source>q%1</source>
        <translation>q%1</translation>
    </message>
    <message>
        <source>q₀: the base density N(0, I)</source>
        <translation>q₀：基础密度 N(0, I)</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>layer %1: %2</source>
        <translation>第 %1 层：%2</translation>
    </message>
    <message>
        <source>FlowScope steps</source>
        <translation>FlowScope 步骤</translation>
    </message>
    <message>
        <source>FlowScope</source>
        <translation>FlowScope</translation>
    </message>
</context>
<context>
    <name>flowscope::ui::TeachingPanel</name>
    <message>
        <source>Map</source>
        <translation>映射</translation>
    </message>
    <message>
        <source>Log-determinant</source>
        <translation>对数行列式</translation>
    </message>
    <message>
        <source>Invertible because</source>
        <translation>可逆的原因</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>论文</translation>
    </message>
    <message>
        <source>Step 0: the base density</source>
        <translation>第 0 步：基础密度</translation>
    </message>
    <message>
        <source>Density</source>
        <translation>密度</translation>
    </message>
    <message>
        <source>q₀ = N(0, I): log q₀(z) = −½‖z‖² − log 2π (d = 2)</source>
        <translation>q₀ = N(0, I): log q₀(z) = −½‖z‖² − log 2π (d = 2)</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>为什么</translation>
    </message>
    <message>
        <source>Every later density is this Gaussian pushed through the layers; it is easy to sample and to evaluate.</source>
        <translation>之后的每个密度都是这个高斯分布经各层推送得到的；它既易于采样，也易于求值。</translation>
    </message>
    <message>
        <source>Layer %1 of %2</source>
        <translation>第 %1 层（共 %2 层）</translation>
    </message>
    <message>
        <source>Layer %1</source>
        <translation>第 %1 层</translation>
    </message>
    <message>
        <source>%1: planar flow</source>
        <translation>%1：平面流</translation>
    </message>
    <message>
        <source>f(z) = z + û·tanh(wᵀz + b)</source>
        <translation>f(z) = z + û·tanh(wᵀz + b)</translation>
    </message>
    <message>
        <source>log|det J| = log|1 + ûᵀψ(z)|, ψ(z) = (1 − tanh²(wᵀz + b))·w</source>
        <translation>log|det J| = log|1 + ûᵀψ(z)|, ψ(z) = (1 − tanh²(wᵀz + b))·w</translation>
    </message>
    <message>
        <source>wᵀû ≥ −1, enforced by û = u + (m(wᵀu) − wᵀu)·w/‖w‖², m(x) = −1 + softplus(x). The map only moves points along û, by an amount that depends on which side of the line wᵀz + b = 0 they lie.</source>
        <translation>wᵀû ≥ −1，通过 û = u + (m(wᵀu) − wᵀu)·w/‖w‖², m(x) = −1 + softplus(x) 来保证。该映射只沿 û 方向移动点，移动量取决于点位于直线 wᵀz + b = 0 的哪一侧。</translation>
    </message>
    <message>
        <source>Rezende and Mohamed 2015, arXiv:1505.05770</source>
        <translation>Rezende and Mohamed 2015, arXiv:1505.05770</translation>
    </message>
    <message>
        <source>%1: radial flow</source>
        <translation>%1：径向流</translation>
    </message>
    <message>
        <source>f(z) = z + β·h(α, r)·(z − z₀), h(α, r) = 1/(α + r), r = ‖z − z₀‖</source>
        <translation>f(z) = z + β·h(α, r)·(z − z₀), h(α, r) = 1/(α + r), r = ‖z − z₀‖</translation>
    </message>
    <message>
        <source>log|det J| = (d − 1)·log(1 + βh) + log(1 + βh + βh′(r)·r), d = 2</source>
        <translation>log|det J| = (d − 1)·log(1 + βh) + log(1 + βh + βh′(r)·r), d = 2</translation>
    </message>
    <message>
        <source>α &gt; 0 and β ≥ −α (α = softplus(α̃), β = −α + softplus(β̃)). β&amp;nbsp;&amp;lt;&amp;nbsp;0 contracts points towards z₀, β&amp;nbsp;&gt;&amp;nbsp;0 pushes them away.</source>
        <translation>α &gt; 0 且 β ≥ −α（α = softplus(α̃)，β = −α + softplus(β̃)）。β&amp;nbsp;&amp;lt;&amp;nbsp;0 时点向 z₀ 收缩，β&amp;nbsp;&gt;&amp;nbsp;0 时点被推离 z₀。</translation>
    </message>
    <message>
        <source>%1: affine coupling</source>
        <translation>%1：仿射耦合</translation>
    </message>
    <message>
        <source>y&lt;sub&gt;a&lt;/sub&gt; = z&lt;sub&gt;a&lt;/sub&gt;, y&lt;sub&gt;b&lt;/sub&gt; = z&lt;sub&gt;b&lt;/sub&gt; ⊙ exp(s(z&lt;sub&gt;a&lt;/sub&gt;)) + t(z&lt;sub&gt;a&lt;/sub&gt;)</source>
        <translation>y&lt;sub&gt;a&lt;/sub&gt; = z&lt;sub&gt;a&lt;/sub&gt;, y&lt;sub&gt;b&lt;/sub&gt; = z&lt;sub&gt;b&lt;/sub&gt; ⊙ exp(s(z&lt;sub&gt;a&lt;/sub&gt;)) + t(z&lt;sub&gt;a&lt;/sub&gt;)</translation>
    </message>
    <message>
        <source>log|det J| = Σ s(z&lt;sub&gt;a&lt;/sub&gt;) (the Jacobian is triangular)</source>
        <translation>log|det J| = Σ s(z&lt;sub&gt;a&lt;/sub&gt;)（雅可比矩阵为三角矩阵）</translation>
    </message>
    <message>
        <source>always: z&lt;sub&gt;b&lt;/sub&gt; = (y&lt;sub&gt;b&lt;/sub&gt; − t(y&lt;sub&gt;a&lt;/sub&gt;)) ⊙ exp(−s(y&lt;sub&gt;a&lt;/sub&gt;)); s and t can be any network, they are never inverted.</source>
        <translation>始终可逆：z&lt;sub&gt;b&lt;/sub&gt; = (y&lt;sub&gt;b&lt;/sub&gt; − t(y&lt;sub&gt;a&lt;/sub&gt;)) ⊙ exp(−s(y&lt;sub&gt;a&lt;/sub&gt;))；s 和 t 可以是任意网络，它们本身从不需要求逆。</translation>
    </message>
    <message>
        <source>Dinh, Sohl-Dickstein and Bengio 2016 (Real NVP), arXiv:1605.08803</source>
        <translation>Dinh, Sohl-Dickstein and Bengio 2016 (Real NVP), arXiv:1605.08803</translation>
    </message>
    <message>
        <source>%1: additive coupling</source>
        <translation>%1：加性耦合</translation>
    </message>
    <message>
        <source>y&lt;sub&gt;a&lt;/sub&gt; = z&lt;sub&gt;a&lt;/sub&gt;, y&lt;sub&gt;b&lt;/sub&gt; = z&lt;sub&gt;b&lt;/sub&gt; + t(z&lt;sub&gt;a&lt;/sub&gt;)</source>
        <translation>y&lt;sub&gt;a&lt;/sub&gt; = z&lt;sub&gt;a&lt;/sub&gt;, y&lt;sub&gt;b&lt;/sub&gt; = z&lt;sub&gt;b&lt;/sub&gt; + t(z&lt;sub&gt;a&lt;/sub&gt;)</translation>
    </message>
    <message>
        <source>log|det J| = 0: volume preserving (the density is moved, never stretched)</source>
        <translation>log|det J| = 0：体积保持（密度只被移动，从不被拉伸）</translation>
    </message>
    <message>
        <source>always: z&lt;sub&gt;b&lt;/sub&gt; = y&lt;sub&gt;b&lt;/sub&gt; − t(y&lt;sub&gt;a&lt;/sub&gt;); t can be any network.</source>
        <translation>始终可逆：z&lt;sub&gt;b&lt;/sub&gt; = y&lt;sub&gt;b&lt;/sub&gt; − t(y&lt;sub&gt;a&lt;/sub&gt;)；t 可以是任意网络。</translation>
    </message>
    <message>
        <source>Dinh, Krueger and Bengio 2014 (NICE), arXiv:1410.8516</source>
        <translation>Dinh, Krueger and Bengio 2014 (NICE), arXiv:1410.8516</translation>
    </message>
    <message>
        <source>%1: ActNorm</source>
        <translation>%1：ActNorm</translation>
    </message>
    <message>
        <source>y = s ⊙ z + b, one scale and one bias per dimension</source>
        <translation>y = s ⊙ z + b，每个维度一个缩放和一个偏置</translation>
    </message>
    <message>
        <source>log|det J| = Σ log|s| (the same at every point)</source>
        <translation>log|det J| = Σ log|s|（在每个点上都相同）</translation>
    </message>
    <message>
        <source>s ≠ 0; initialised from the first batch so that y has zero mean and unit variance.</source>
        <translation>s ≠ 0；用第一个批次初始化，使 y 具有零均值和单位方差。</translation>
    </message>
    <message>
        <source>Kingma and Dhariwal 2018 (Glow), arXiv:1807.03039</source>
        <translation>Kingma and Dhariwal 2018 (Glow), arXiv:1807.03039</translation>
    </message>
    <message>
        <source>%1: permutation</source>
        <translation>%1：置换</translation>
    </message>
    <message>
        <source>y = P z (in 2D: swap z₁ and z₂), so the next coupling transforms the other coordinate</source>
        <translation>y = P z（2D 情形：交换 z₁ 与 z₂），使下一个耦合层变换另一个坐标</translation>
    </message>
    <message>
        <source>log|det J| = 0 (|det P| = 1)</source>
        <translation>log|det J| = 0（|det P| = 1）</translation>
    </message>
    <message>
        <source>always: P⁻¹ = Pᵀ.</source>
        <translation>始终可逆：P⁻¹ = Pᵀ。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Change of variables (what the view shows)</source>
        <translation>变量变换（视图所显示的内容）</translation>
    </message>
    <message>
        <source>log qₖ(zₖ) = log qₖ₋₁(fₖ⁻¹(zₖ)) − log|det Jₖ(fₖ⁻¹(zₖ))|</source>
        <translation>log qₖ(zₖ) = log qₖ₋₁(fₖ⁻¹(zₖ)) − log|det Jₖ(fₖ⁻¹(zₖ))|</translation>
    </message>
    <message>
        <source>The density shown is computed exactly by inverting every pixel back through the layers and adding up the log-determinants; there are no histograms and no sampling.</source>
        <translation>所显示的密度是精确计算的：将每个像素经各层逆变换回去，并累加对数行列式；不使用直方图，也不做采样。</translation>
    </message>
    <message>
        <source>U2–U4 have infinite mass along z₁ on R²; FlowScope defines them on the box [−4, 4]² the paper draws (a soft wall outside), so their normalising constant is finite.</source>
        <translation>U2–U4 在 R² 上沿 z₁ 方向的质量是无穷的；FlowScope 将它们定义在论文所绘制的方框 [−4, 4]² 上（框外为软墙），因此其归一化常数有限。</translation>
    </message>
    <message>
        <source>q₀ = U([−2, 2]²): log q₀(z) = −log 16 inside the square, −∞ (zero density) outside</source>
        <translation>q₀ = U([−2, 2]²)：正方形内 log q₀(z) = −log 16，正方形外为 −∞（密度为零）</translation>
    </message>
    <message>
        <source>Rezende and Mohamed&apos;s Figure 1 pushes a Gaussian and a uniform density through the same kinds of layers: the square&apos;s edges show where its points went, and inside it every change of density is the layers&apos; log-determinant alone.</source>
        <translation>Rezende 与 Mohamed 的图 1 把高斯密度和均匀密度推过同类的层：正方形的边缘显示其中的点去了哪里，而在其内部，密度的每一处变化都只来自各层的对数行列式。</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Explore normalizing flows.</source>
        <translation>探索归一化流。</translation>
    </message>
    <message>
        <source>Open on preset ID (e.g. fig3-u1-planar-32, realnvp-moons, checkerboard, draw).</source>
        <translation>以预设 ID 打开（例如 fig3-u1-planar-32、realnvp-moons、checkerboard、draw）。</translation>
    </message>
    <message>
        <source>Start training at once (on the ablation page: run the ablation; on the vae page: train a lab model).</source>
        <translation>立即开始训练（在 ablation 页面：运行消融实验；在 vae 页面：训练实验模型）。</translation>
    </message>
    <message>
        <source>Save a screenshot of the window to FILE after --wait seconds, then quit.</source>
        <translation>在 --wait 秒后将窗口截图保存到 FILE，然后退出。</translation>
    </message>
    <message>
        <source>Seconds before the screenshot (default 5).</source>
        <translation>截图前等待的秒数（默认 5）。</translation>
    </message>
    <message>
        <source>Start the step animation at once.</source>
        <translation>立即开始步骤动画。</translation>
    </message>
    <message>
        <source>Select step K of the strip.</source>
        <translation>选中步骤条中的第 K 步。</translation>
    </message>
    <message>
        <source>Open a Glow model (e.g. resources/fashion32.fsm) on the faces page.</source>
        <translation>在 faces 页面打开一个 Glow 模型（例如 resources/fashion32.fsm）。</translation>
    </message>
    <message>
        <source>unknown preset &apos;%1&apos;</source>
        <translation>未知的预设 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>no model file &apos;%1&apos;</source>
        <translation>模型文件 &apos;%1&apos; 不存在</translation>
    </message>
    <message>
        <source>Interface language: en or zh_CN (default: the one chosen in View → Language, else the system&apos;s).</source>
        <translation>界面语言：en 或 zh_CN（默认：视图 → 语言中的选择，否则跟随系统）。</translation>
    </message>
    <message>
        <source>Show where the density at point X,Y of the selected step comes from.</source>
        <translation>显示所选步骤中点 X,Y 处的密度从何而来。</translation>
    </message>
    <message>
        <source>--probe expects X,Y, got &apos;%1&apos;</source>
        <translation>--probe 需要 X,Y，收到的是“%1”</translation>
    </message>
    <message>
        <source>A demo file (.flowscope) to open.</source>
        <translation>要打开的演示文件（.flowscope）。</translation>
    </message>
    <message>
        <source>one demo file at a time, got %1</source>
        <translation>一次只能打开一个演示文件，收到了 %1 个</translation>
    </message>
    <message>
        <source>Open demo</source>
        <translation>打开演示</translation>
    </message>
    <message>
        <source>Open on a page: 2d, langevin, hamiltonian, faces, train, ablation or vae (the Flow-ELBO lab).</source>
        <translation>在指定页面打开：2d、langevin、hamiltonian、faces、train、ablation 或 vae（Flow-ELBO 实验室）。</translation>
    </message>
    <message>
        <source>unknown page &apos;%1&apos; (expected 2d, langevin, hamiltonian, faces, train, ablation or vae)</source>
        <translation>未知页面“%1”（应为 2d、langevin、hamiltonian、faces、train、ablation 或 vae）</translation>
    </message>
</context>
</TS>
