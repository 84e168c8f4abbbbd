import numpy as np
from optuna.samplers._tpe.parzen_estimator import _ParzenEstimator, _ParzenEstimatorParameters
from optuna.samplers._tpe.sampler import default_weights
from optuna.distributions import FloatDistribution, IntDistribution, CategoricalDistribution
def show(obs, space, mv, samples, **kw):
    p = _ParzenEstimatorParameters(kw.get('prior',True), 1.0, kw.get('clip',True), kw.get('endpoints',False), default_weights, mv)
    pe = _ParzenEstimator({k: np.asarray(v, dtype=float) for k,v in obs.items()}, space, p)
    print(repr(pe._weights.tolist()))
    for k in space:
        if pe._mus[k] is not None: print(k, 'mus', pe._mus[k].tolist(), 'sigmas', pe._sigmas[k].tolist())
    print('logpdf', pe.log_pdf({k: np.asarray(v, dtype=(int if isinstance(space[k], CategoricalDistribution) else float)) for k,v in samples.items()}).tolist())
# 1: univariate float
show({'x':[0.1,0.5,0.55,2.0]}, {'x':FloatDistribution(-1,3)}, False, {'x':[-1,0.0,0.52,1.7,3.0]})
# 2: log float
show({'x':[1e-4,3e-3,0.05]}, {'x':FloatDistribution(1e-5,1e-1,log=True)}, False, {'x':[1e-5,1e-3,0.02]})
# 3: int
show({'n':[1,4,4,9]}, {'n':IntDistribution(1,10)}, False, {'n':[1,4,7,10]})
# 4: categorical
show({'c':[0,2,2]}, {'c':CategoricalDistribution(['a','b','c','d'])}, False, {'c':[0,1,2,3]})
# 5: multivariate float+int+cat
show({'x':[0.1,0.5,2.0],'n':[2,4,8],'c':[1,0,1]}, {'x':FloatDistribution(-1,3),'n':IntDistribution(1,10,step=1),'c':CategoricalDistribution(['a','b'])}, True, {'x':[0.0,1.0],'n':[3,8],'c':[1,0]})
# 6: endpoints on, no clip, no prior
show({'x':[-0.9,0.5,0.55,2.9]}, {'x':FloatDistribution(-1,3)}, False, {'x':[-0.95,0.52,2.95]}, prior=False, clip=False, endpoints=True)
# 7: float step, int log
show({'s':[0.2,0.5,0.5], 'k':[2,16,100]}, {'s':FloatDistribution(0.1,1.0,step=0.1),'k':IntDistribution(1,128,log=True)}, True, {'s':[0.1,0.5,1.0],'k':[1,16,128]})
